/**
 * HTTP-level faults for a whole run: every loopback endpoint in the environment (the
 * emulators' URLs) is replaced by a fault proxy in front of it, so each cloud SDK meets
 * resets, hangs, 429/503 and throttling on its real HTTP path. Real-cloud endpoints are
 * left alone (the proxy only forwards to loopback). The variables are the SDKs' own
 * endpoint overrides and the providers' documented settings (docs/providers.md).
 */
import type { Env } from '../../providers/core/index.ts';
import { startFaultProxy, type FaultProxy } from '../../providers/layers/fault-proxy.ts';
import type { FaultSpec } from '../../providers/layers/parse-faults.ts';

/** URL-valued variables, and the cloud whose reliability figures their faults count for. */
const URL_VARIABLES: ReadonlyArray<[string, string]> = [
  ['AWS_ENDPOINT_URL_S3', 'aws'],
  ['AWS_ENDPOINT_URL', 'aws'],
  ['JOBBENCH_AWS_S3_ENDPOINT', 'aws'],
  ['STORAGE_EMULATOR_HOST', 'gcp'],
  ['JOBBENCH_GCP_STORAGE_ENDPOINT', 'gcp'],
  ['JOBBENCH_GCP_BIGQUERY_API_ENDPOINT', 'gcp'],
];
const CONNECTION_STRING = 'AZURE_STORAGE_CONNECTION_STRING';

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export interface ProxiedEnvironment {
  env: Record<string, string | undefined>;
  /** Proxies by the cloud their faults count for. */
  proxies: Array<{ cloud: string; variable: string; proxy: FaultProxy }>;
  close(): Promise<void>;
}

export async function proxiedEnvironment(env: Env, spec: FaultSpec): Promise<ProxiedEnvironment> {
  const out: Record<string, string | undefined> = { ...env };
  const proxies: ProxiedEnvironment['proxies'] = [];
  const byOrigin = new Map<string, FaultProxy>();
  let seed = spec.seed;
  const proxyFor = async (origin: string, cloud: string, variable: string) => {
    let proxy = byOrigin.get(origin);
    if (!proxy) {
      proxy = await startFaultProxy({ target: origin, spec: { ...spec, seed: seed++ } });
      byOrigin.set(origin, proxy);
      proxies.push({ cloud, variable, proxy });
    }
    return proxy;
  };
  for (const [variable, cloud] of URL_VARIABLES) {
    const value = env[variable];
    if (!value) continue;
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    if (!isLoopback(url)) continue;
    const proxy = await proxyFor(url.origin, cloud, variable);
    out[variable] = value.replace(url.origin, proxy.url);
  }
  const connection = env[CONNECTION_STRING];
  const blob = connection ? /BlobEndpoint=([^;]+)/.exec(connection)?.[1] : undefined;
  if (connection && blob) {
    const url = new URL(blob);
    if (isLoopback(url)) {
      const proxy = await proxyFor(url.origin, 'azure', CONNECTION_STRING);
      out[CONNECTION_STRING] = connection.replace(url.origin, proxy.url);
    }
  }
  return { env: out, proxies, close: async () => void (await Promise.all(proxies.map((p) => p.proxy.close()))) };
}

/** Faults the proxies of one cloud injected, by kind (`http:reset`, …). */
export function httpFaultsFor(proxied: ProxiedEnvironment, cloud: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { cloud: c, proxy } of proxied.proxies) {
    if (c !== cloud) continue;
    for (const kind of ['reset', 'hang', 'http429', 'http503'] as const)
      if (proxy.stats[kind] > 0) out[`http:${kind}`] = (out[`http:${kind}`] ?? 0) + proxy.stats[kind];
  }
  return out;
}
