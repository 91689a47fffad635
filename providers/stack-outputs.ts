/**
 * Deployed names reach the runtime through Terraform outputs, never through imports of
 * a stack (ARCHITECTURE.md): `terraform output -json > outputs.json`, then
 * `jobbench run --provider aws --stack-outputs outputs.json`. This module reads that
 * file and maps it onto the provider settings (`JOBBENCH_AWS_BUCKET`, …). Pure JSON; no
 * cdktf, no cloud SDK. Sensitive outputs are never copied (the stacks define none).
 */
import { readFile } from 'node:fs/promises';
import { ProviderError } from './core/index.ts';

export type StackCloud = 'aws' | 'gcp' | 'azure';

export interface StackOutputs {
  /** The cloud the outputs describe (the stacks' `jobbench_cloud` output). */
  cloud: StackCloud;
  /** Provider settings derived from the outputs, e.g. `{ JOBBENCH_AWS_BUCKET: 'jobbench-lake-…' }`. */
  env: Record<string, string>;
  /** Every non-sensitive output value, by output name. */
  values: Record<string, unknown>;
}

type Values = Record<string, unknown>;
/** One setting: its variable name and how to compute it from the outputs (undefined = output absent). */
type Mapping = readonly [string, (values: Values) => string | undefined];

const text = (name: string) => (values: Values) => {
  const value = values[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/** `postgres://user@host:port/db` with no password: RDS IAM tokens and Entra tokens go in PGPASSWORD. */
const databaseUrl = (values: Values): string | undefined => {
  const [user, host, port, name] = ['db_user', 'db_host', 'db_port', 'db_name'].map((k) => text(k)(values));
  const login = user ?? text('db_iam_user')(values);
  if (login === undefined || host === undefined || name === undefined) return undefined;
  return `postgres://${encodeURIComponent(login)}@${host}:${port ?? '5432'}/${encodeURIComponent(name)}`;
};

/** Which output feeds which setting; the names match providers/<cloud>/config.ts. */
const MAPPINGS: Record<StackCloud, readonly Mapping[]> = {
  aws: [
    ['JOBBENCH_AWS_BUCKET', text('lake_bucket')],
    ['JOBBENCH_AWS_REGION', text('region')],
    ['JOBBENCH_AWS_DATABASE_URL', databaseUrl],
  ],
  gcp: [
    ['JOBBENCH_GCP_PROJECT', text('project_id')],
    ['JOBBENCH_GCP_BUCKET', text('lake_bucket')],
    ['JOBBENCH_GCP_DATASET', text('dataset')],
    ['JOBBENCH_GCP_LOCATION', text('region')],
  ],
  azure: [
    ['JOBBENCH_AZURE_ACCOUNT_URL', (values) => text('blob_endpoint')(values)?.replace(/\/+$/, '')],
    ['JOBBENCH_AZURE_CONTAINER', text('lake_container')],
    ['JOBBENCH_AZURE_REGION', text('region')],
    ['JOBBENCH_AZURE_DATABASE_URL', databaseUrl],
  ],
};

const CLOUDS = Object.keys(MAPPINGS) as StackCloud[];

function invalid(source: string, message: string): ProviderError {
  return ProviderError.because('infra', 'stack-outputs', 'invalid-config', `${source}: ${message}`);
}

/** Maps parsed `terraform output -json` content; `source` names the file in errors. */
export function parseStackOutputs(json: unknown, source = 'stack outputs'): StackOutputs {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(source, 'expected the object printed by `terraform output -json`');
  }
  const values: Values = {};
  for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || !('value' in entry)) {
      throw invalid(source, `output ${name} has no "value" (is this \`terraform output -json\`?)`);
    }
    if ((entry as { sensitive?: unknown }).sensitive === true) continue;
    values[name] = (entry as { value: unknown }).value;
  }
  const cloud = values.jobbench_cloud;
  if (typeof cloud !== 'string' || !(CLOUDS as string[]).includes(cloud)) {
    throw invalid(source, `no jobbench_cloud output naming ${CLOUDS.join(', ')}: not the outputs of a jobbench stack`);
  }
  const env: Record<string, string> = {};
  for (const [key, compute] of MAPPINGS[cloud as StackCloud]) {
    const value = compute(values);
    if (value !== undefined && value !== '') env[key] = value;
  }
  return { cloud: cloud as StackCloud, env, values };
}

/** Reads a `terraform output -json` file. */
export async function readStackOutputs(file: string): Promise<StackOutputs> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'no such file' : 'not valid JSON';
    throw ProviderError.because('infra', 'stack-outputs', 'invalid-config', `${file}: ${reason}`, { cause: error });
  }
  return parseStackOutputs(parsed, file);
}

/** The environment with the outputs' settings added; variables already set win, so a user can override one. */
export function withStackOutputs(
  env: Readonly<Record<string, string | undefined>>,
  outputs: StackOutputs,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [key, value] of Object.entries(outputs.env)) {
    if (merged[key] === undefined || merged[key] === '') merged[key] = value;
  }
  return merged;
}
