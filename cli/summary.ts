/** The table printed at the end of `jobbench run`. */
import Table from 'cli-table3';
import type { Results } from '../results/schema.ts';
import { vantageLabel } from '../results/vantage.ts';

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const ms = (value: number | undefined | null) =>
  value === undefined || value === null ? '—' : `${value.toFixed(2)} ms`;

export function summaryTable(results: Results): string {
  const table = new Table({
    head: [
      'provider',
      'status',
      'measured from',
      'pages',
      'extracted',
      'quarantined',
      'loaded',
      'warehouse rows',
      'extract',
      'transform',
      'load',
      'put p95',
      'lost',
    ],
    style: { head: [], border: [] },
  });
  for (const p of results.providers) {
    const put = p.scenarios.find((s) => s.name === 'store.put');
    table.push([
      p.emulated ? `${p.name} *` : p.name,
      p.status,
      vantageLabel(p.vantage),
      p.pipeline?.rawPages ?? '—',
      p.pipeline?.extracted ?? '—',
      p.pipeline?.quarantined ?? '—',
      p.pipeline?.loaded ?? '—',
      p.pipeline?.warehouseRows ?? '—',
      seconds(p.pipeline?.durationsMs.extract),
      seconds(p.pipeline?.durationsMs.transform),
      seconds(p.pipeline?.durationsMs.load),
      ms(put?.latencyMs?.p95),
      p.reliability?.lost ?? '—',
    ]);
  }
  return table.toString();
}
