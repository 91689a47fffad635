/**
 * The one file that names every provider. Imports are lazy: running on the local
 * provider never loads a cloud SDK.
 */
import { PROVIDER_NAMES, type ProviderFactory, type ProviderName } from './core/index.ts';

const FACTORIES: Record<ProviderName, () => Promise<ProviderFactory>> = {
  local: () => import('./local/index.ts').then((m) => m.localProvider),
  aws: () => import('./aws/index.ts').then((m) => m.awsProvider),
  gcp: () => import('./gcp/index.ts').then((m) => m.gcpProvider),
  azure: () => import('./azure/index.ts').then((m) => m.azureProvider),
};

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

export async function loadProvider(name: ProviderName): Promise<ProviderFactory> {
  return FACTORIES[name]();
}
