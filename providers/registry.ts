/**
 * The one file that names every provider. Imports are lazy: running on the local
 * provider never loads a cloud SDK. Every provider built here carries its operation
 * deadlines (the timeout layer, providers/layers/timeout.ts, `JOBBENCH_TIMEOUT_*`),
 * whoever builds it: a run, an export, the crash check or the perf bench, so no caller
 * can forget them. It is the innermost layer: the retrying layer above sees a timeout
 * as a retryable error like any other.
 */
import { PROVIDER_NAMES, type ProviderFactory, type ProviderName } from './core/index.ts';
import { readDeadlines } from './core/operation-deadlines.ts';
import { applyLayers } from './layers/layer.ts';
import { timeoutLayer } from './layers/timeout.ts';

const FACTORIES: Record<ProviderName, () => Promise<ProviderFactory>> = {
  local: () => import('./local/index.ts').then((m) => m.localProvider),
  aws: () => import('./aws/index.ts').then((m) => m.awsProvider),
  gcp: () => import('./gcp/index.ts').then((m) => m.gcpProvider),
  azure: () => import('./azure/index.ts').then((m) => m.azureProvider),
};

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

/** The factory, its providers bounded by the deadlines read from their options' env. */
function withDeadlines(factory: ProviderFactory): ProviderFactory {
  return {
    ...factory,
    checkConfig(options) {
      // A bad deadline is a usage error before any work, like any other setting.
      readDeadlines(options.env ?? process.env);
      factory.checkConfig(options);
    },
    priceTable: (options) => factory.priceTable(options),
    async create(options) {
      const deadlines = readDeadlines(options.env ?? process.env);
      const provider = await factory.create(options);
      return applyLayers(provider, [timeoutLayer(provider.name, deadlines)]);
    },
  };
}

export async function loadProvider(name: ProviderName): Promise<ProviderFactory> {
  return withDeadlines(await FACTORIES[name]());
}
