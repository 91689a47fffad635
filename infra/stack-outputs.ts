/**
 * Deployed names reach the runtime through Terraform outputs, never through imports of
 * a stack (docs/architecture.md): `terraform output -json > outputs.json`, then
 * `jobbench run --provider aws --stack-outputs outputs.json`. This module reads that
 * file and maps it onto the provider settings (`JOBBENCH_AWS_BUCKET`, …). Pure JSON; no
 * cdktf, no cloud SDK. Sensitive outputs are never copied (the stacks define none).
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { ProviderError } from '../providers/core/index.ts';

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
type Mapping = readonly [string, (values: Values, source: string) => string | undefined];

const text = (name: string) => (values: Values) => {
  const value = values[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/**
 * A DNS name (letters, digits, `-`, `_`; its last label not all digits) or an IPv4 address:
 * what RDS and Azure print as their endpoint. Nothing else may reach the URL's host part, where `:`, `/`, `?`, `#`,
 * `@` or `,` would move the port, add a `host=` parameter the driver follows, or name a
 * second host, and so the connection would go where the TLS decision did not look.
 */
function isEndpointHost(host: string): boolean {
  if (isIP(host) === 4) return true;
  return host.length <= 253 && /^(?:(?!-)[\w-]{1,63}(?<!-)\.)*(?!-)(?=[\w-]*[A-Za-z_])[\w-]{1,63}(?<!-)\.?$/.test(host);
}

/** The database host output, checked (undefined when the stack has no database). */
function databaseHost(values: Values, source: string): string | undefined {
  if (!('db_host' in values)) return undefined;
  const host = values.db_host;
  if (typeof host !== 'string' || !isEndpointHost(host))
    throw invalid(source, 'output db_host is not a host name or an IPv4 address');
  return host;
}

/** The database port output, checked: an integer 1-65535 (5432 when absent). */
function databasePort(values: Values, source: string): number {
  if (!('db_port' in values)) return 5432;
  const raw = values.db_port;
  const port = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw invalid(source, 'output db_port is not a port number (1-65535)');
  return port;
}

/**
 * `postgres://user@host:port/db` with no password: RDS IAM tokens and Entra tokens go in
 * PGPASSWORD. The host and port are checked, the user and database name percent-encoded,
 * so no output can add a query parameter or move the host.
 */
const databaseUrl = (values: Values, source: string): string | undefined => {
  const host = databaseHost(values, source);
  const port = databasePort(values, source);
  const [user, name] = ['db_user', 'db_name'].map((k) => text(k)(values));
  const login = user ?? text('db_iam_user')(values);
  if (login === undefined || host === undefined || name === undefined) return undefined;
  return `postgres://${encodeURIComponent(login)}@${host}:${port}/${encodeURIComponent(name)}`;
};

/**
 * The blob endpoint output, checked: a deployed account is `https://<account>.blob.core.windows.net/`,
 * and a SAS token is appended to it, so nothing but an https origin is accepted (no user-info, query or path).
 */
function blobEndpoint(values: Values, source: string): string | undefined {
  const value = text('blob_endpoint')(values);
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw invalid(source, 'output blob_endpoint is not an https:// origin');
  }
  return url.origin;
}

/** Which output feeds which setting; the names match providers/<cloud>/config.ts. */
const MAPPINGS: Record<StackCloud, readonly Mapping[]> = {
  aws: [
    ['JOBBENCH_AWS_BUCKET', text('lake_bucket')],
    ['JOBBENCH_AWS_REGION', text('region')],
    // The lake's key prefix (the stack's `key_prefix`): the roles are granted under it only.
    ['JOBBENCH_AWS_KEY_PREFIX', text('key_prefix')],
    ['JOBBENCH_AWS_DATABASE_URL', databaseUrl],
  ],
  gcp: [
    ['JOBBENCH_GCP_PROJECT', text('project_id')],
    ['JOBBENCH_GCP_BUCKET', text('lake_bucket')],
    ['JOBBENCH_GCP_KEY_PREFIX', text('key_prefix')],
    ['JOBBENCH_GCP_DATASET', text('dataset')],
    ['JOBBENCH_GCP_LOCATION', text('region')],
  ],
  azure: [
    ['JOBBENCH_AZURE_ACCOUNT_URL', blobEndpoint],
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
    const value = compute(values, source);
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
