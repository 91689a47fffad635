/**
 * The source API keys, one Secret Manager secret per environment variable the sources read
 * (pipeline/sources/adzuna/settings.ts, francetravail/settings.ts). Terraform creates the
 * secrets empty; their values are added outside it, so they never enter the state:
 * `printf %s "$KEY" | gcloud secrets versions add jobbench-adzuna-app-id --data-file=-`.
 */
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret/index.js';
import { type GcpStackBase, NAME } from './context.ts';

/** The variables the collector's sources read their keys from. */
export const SOURCE_KEY_VARIABLES = [
  'ADZUNA_APP_ID',
  'ADZUNA_APP_KEY',
  'FRANCE_TRAVAIL_CLIENT_ID',
  'FRANCE_TRAVAIL_CLIENT_SECRET',
] as const;

export type SourceSecrets = Record<(typeof SOURCE_KEY_VARIABLES)[number], SecretManagerSecret>;

/** `ADZUNA_APP_ID` → secret `jobbench-adzuna-app-id` (construct id `source_key_adzuna_app_id`). */
export function addSourceSecrets(base: GcpStackBase): SourceSecrets {
  return Object.fromEntries(
    SOURCE_KEY_VARIABLES.map((variable) => {
      const slug = variable.toLowerCase();
      const secret = new SecretManagerSecret(base.scope, `source_key_${slug}`, {
        secretId: `${NAME}-${slug.replace(/_/g, '-')}`,
        replication: { auto: {} },
        dependsOn: base.services,
      });
      return [variable, secret];
    }),
  ) as SourceSecrets;
}
