/**
 * Opens one provider's lake for the commands that need no warehouse (`collect`, `results
 * pull`, `run --publish`). AWS and Azure open their lake alone, so a collector (or an operator
 * pulling results) needs no database settings; GCP opens whole (its BigQuery client sends
 * nothing until queried) and so does the local provider (its embedded warehouse unused).
 */
import type { Env, ObjectStore, ProviderName } from '../providers/core/index.ts';
import { loadProvider } from '../providers/registry.ts';

export interface OpenLake {
  store: ObjectStore;
  close(): Promise<void> | void;
}

export async function openLake(provider: ProviderName, env: Env, dataDir: string): Promise<OpenLake> {
  if (provider === 'aws') return (await import('../providers/aws/lake-store.ts')).openS3Lake(env);
  if (provider === 'azure') return (await import('../providers/azure/lake-store.ts')).openBlobLake(env);
  const factory = await loadProvider(provider);
  factory.checkConfig({ env, dataDir });
  return factory.create({ env, dataDir });
}
