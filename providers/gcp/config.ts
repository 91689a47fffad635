/**
 * GCP provider settings, all under `JOBBENCH_GCP_`. Credentials are not settings: the
 * client libraries find them through Application Default Credentials
 * (GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`, the metadata
 * server — https://cloud.google.com/docs/authentication/application-default-credentials).
 */
import { ProviderError, readConfig, settingIsOn, type Env } from '../core/index.ts';

/** The location of a run and of the stack when none is set (Paris: near the French job market). */
export const DEFAULT_GCP_LOCATION = 'europe-west9';

export const GCP_CONFIG = [
  /** Project that owns the bucket and the datasets, and is billed for queries. */
  { key: 'PROJECT', fallbacks: ['GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT'] },
  /** Cloud Storage bucket holding the lake (created by the Terraform stack; on an emulator, on first use). */
  { key: 'BUCKET' },
  /** BigQuery dataset of the warehouse (one dataset per namespace). */
  { key: 'DATASET', default: 'jobbench' },
  /** Location of the bucket and datasets; query and load jobs run there. */
  { key: 'LOCATION', default: DEFAULT_GCP_LOCATION },
  /**
   * Cloud Storage endpoint override, for an emulator. Falls back to
   * `STORAGE_EMULATOR_HOST`, the variable @google-cloud/storage itself reads.
   */
  { key: 'STORAGE_ENDPOINT', fallbacks: ['STORAGE_EMULATOR_HOST'], default: '' },
  /** BigQuery REST endpoint override, for an emulator (`http://127.0.0.1:9050`). */
  { key: 'BIGQUERY_API_ENDPOINT', default: '' },
  /**
   * Upper bound of bytes one query job may bill; BigQuery fails the job rather than bill
   * more (https://cloud.google.com/bigquery/docs/best-practices-costs#limit_query_costs_by_restricting_the_number_of_bytes_billed).
   */
  { key: 'MAX_BYTES_BILLED', default: String(10 * 1024 ** 3) },
  /** Prefix put before every lake key; the session's own prefix follows it. */
  { key: 'KEY_PREFIX', default: '' },
  /**
   * `true` when the endpoints are the project's emulators: `jobbench emulators env` sets it.
   * A loopback address alone proves nothing (it may be a tunnel or proxy to the real service).
   */
  { key: 'EMULATED', default: 'false' },
  /** `on` runs the opt-in tests against the real project (test-only switch). */
  { key: 'TEST', default: 'off' },
] as const;

export interface GcpConfig {
  project: string;
  bucket: string;
  dataset: string;
  location: string;
  /** '' for the real service. */
  storageEndpoint: string;
  bigqueryEndpoint: string;
  maxBytesBilled: string;
  keyPrefix: string;
  /** The endpoints are the project's emulators (results are labelled so). */
  emulated: boolean;
}

export function readGcpConfig(env: Env): GcpConfig {
  const raw = readConfig('gcp', 'JOBBENCH_GCP_', GCP_CONFIG, env);
  if (!/^[1-9][0-9]*$/.test(raw.MAX_BYTES_BILLED)) {
    throw ProviderError.because(
      'gcp',
      'config',
      'invalid-config',
      'JOBBENCH_GCP_MAX_BYTES_BILLED must be a positive whole number of bytes',
    );
  }
  if (!/^[A-Za-z0-9_]{1,1024}$/.test(raw.DATASET)) {
    throw ProviderError.because(
      'gcp',
      'config',
      'invalid-config',
      'JOBBENCH_GCP_DATASET may hold only letters, digits and underscores',
    );
  }
  const endpoint = (value: string) => (value && !/^https?:\/\//.test(value) ? `http://${value}` : value);
  return {
    project: raw.PROJECT,
    bucket: raw.BUCKET,
    dataset: raw.DATASET,
    location: raw.LOCATION,
    storageEndpoint: endpoint(raw.STORAGE_ENDPOINT),
    bigqueryEndpoint: endpoint(raw.BIGQUERY_API_ENDPOINT),
    maxBytesBilled: raw.MAX_BYTES_BILLED,
    keyPrefix: raw.KEY_PREFIX,
    emulated: settingIsOn('gcp', 'JOBBENCH_GCP_EMULATED', raw.EMULATED),
  };
}
