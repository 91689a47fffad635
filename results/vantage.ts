/** How a provider result's vantage point reads in tables and on the dashboards. */
import type { ProviderResult } from './schema.ts';

/** A short label for tables and dashboards: `in-region eu-west-3 (aws-lambda)`, `external`, `this machine`. */
export function vantageLabel(vantage: ProviderResult['vantage']): string {
  if (!vantage) return 'not recorded';
  if (vantage.kind === 'this-machine') return 'this machine';
  const where = vantage.region ? ` ${vantage.region}` : '';
  return `${vantage.kind}${where}${vantage.runtime ? ` (${vantage.runtime})` : ''}`;
}
