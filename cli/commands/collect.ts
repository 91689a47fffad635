/**
 * `jobbench collect`: opens the chosen provider's lake, reads the source keys from that
 * cloud's secret store when given a secret id, and runs the collect of pipeline/collect.ts.
 * It prints the run id and what to run next; keys are never printed.
 */
import path from 'node:path';
import { collect, type CollectInfo } from '../../pipeline/collect.ts';
import type { RunManifest } from '../../pipeline/lake/run-manifest.ts';
import { withSourceKeys } from '../../pipeline/source-keys.ts';
import { createSources } from '../../pipeline/sources/registry.ts';
import type { Env, ProviderName } from '../../providers/core/index.ts';
import type { Io } from '../io.ts';
import { openLake } from '../open-lake.ts';
import { UsageError } from '../usage-error.ts';

export interface CollectCommandOptions {
  provider: ProviderName;
  workload: RunManifest['workload'];
  dataDir: string;
  secretId?: string;
  json: boolean;
  verbose: boolean;
}

async function readSecret(provider: ProviderName, secretId: string, env: Env): Promise<string> {
  if (provider === 'aws') return (await import('../../providers/aws/secret-store.ts')).readAwsSecret(secretId, env);
  // The GCP and Azure jobs get each key as an environment variable from their platform's secret store.
  throw new UsageError(
    `--secret-id: ${provider === 'local' ? 'the local provider has no secret store' : `the ${provider} jobs receive the source keys as environment variables from ${provider === 'gcp' ? 'Secret Manager' : 'Key Vault'}, not by secret id`}; set ADZUNA_*/FRANCE_TRAVAIL_* in the environment or .env`,
  );
}

export async function collectCommand(options: CollectCommandOptions, io: Io): Promise<number> {
  const { env } = io;
  const sourceKeys = options.secretId
    ? { secretId: options.secretId, text: await readSecret(options.provider, options.secretId, env) }
    : undefined;
  // A missing or bad source setting is exit 2 before the lake is opened (collect builds them again).
  const { sources, scale, seed } = options.workload;
  createSources(sources, {
    env: sourceKeys ? withSourceKeys(env, sourceKeys.secretId, sourceKeys.text) : env,
    scale,
    seed,
  });
  const lake = await openLake(options.provider, env, path.resolve(io.cwd, options.dataDir));
  let info: CollectInfo;
  try {
    info = await collect({
      store: lake.store,
      workload: options.workload,
      env,
      ...(sourceKeys ? { sourceKeys } : {}),
      log: (event) => {
        if (event.level === 'error' || event.level === 'warn' || options.verbose)
          io.stderr(`[${event.source}] ${event.level}: ${event.message}\n`);
      },
    });
  } finally {
    await lake.close();
  }
  const summary = {
    runId: info.runId,
    provider: options.provider,
    pages: info.extract.pages,
    bytes: info.extract.bytes,
    failedSources: info.extract.failedSources,
  };
  if (options.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    const failed = summary.failedSources.length > 0 ? `; failed: ${summary.failedSources.join(', ')}` : '';
    io.stdout(
      `collected run ${info.runId} into ${options.provider}: ${summary.pages} pages, ${summary.bytes} bytes${failed}\n` +
        `continue it with: jobbench run --provider ${options.provider} --resume ${info.runId}\n`,
    );
  }
  return 0;
}
