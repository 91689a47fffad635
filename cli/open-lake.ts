/**
 * Opens one provider's lake for the commands that need no warehouse (`collect`, `results
 * pull`, `run --publish`). AWS opens its S3 lake alone, so a collector without database
 * settings can run; the other providers open whole, their warehouse unused.
 */
import type { Env, ObjectStore, ProviderName } from '../providers/core/index.ts';
import { loadProvider } from '../providers/registry.ts';

export interface OpenLake {
  store: ObjectStore;
  close(): Promise<void> | void;
}

export async function openLake(provider: ProviderName, env: Env, dataDir: string): Promise<OpenLake> {
  if (provider === 'aws') return (await import('../providers/aws/lake-store.ts')).openS3Lake(env);
  const factory = await loadProvider(provider);
  factory.checkConfig({ env, dataDir });
  return factory.create({ env, dataDir });
}
