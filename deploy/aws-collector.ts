/**
 * The AWS collector Lambda's handler (`index.handler` in the zip `npm run package:collector`
 * builds): the same collect as `jobbench collect --provider aws`, configured by the Lambda's
 * environment as the stack sets it (JOBBENCH_AWS_BUCKET, JOBBENCH_AWS_REGION,
 * JOBBENCH_SOURCE_SECRET_ID). It opens the S3 lake alone, reads the source keys from
 * Secrets Manager, and logs one JSON line per event; a failure is thrown, so the invocation
 * fails and its alarm and dead-letter queue see it.
 */
import { collect } from '../pipeline/collect.ts';
import { SOURCE_SECRET_ID_VARIABLE } from '../pipeline/source-keys.ts';
import type { Env } from '../providers/core/index.ts';
import { openS3Lake } from '../providers/aws/lake-store.ts';
import { readAwsSecret } from '../providers/aws/secret-store.ts';

/** The sources a scheduled collection fetches: the official APIs whose keys the secret holds. */
export const COLLECTOR_SOURCES: readonly string[] = ['adzuna', 'francetravail'];

/** The schedule's payload: an EventBridge event, or `{ "sources": [...] }` from a manual invocation. */
export interface CollectorEvent {
  sources?: string[];
}

export interface CollectorResult {
  runId: string;
  pages: number;
  bytes: number;
  failedSources: string[];
}

export async function collectIntoS3(
  env: Env,
  event: CollectorEvent = {},
  log: (line: string) => void = console.log,
): Promise<CollectorResult> {
  const secretId = env[SOURCE_SECRET_ID_VARIABLE];
  const sourceKeys = secretId ? { secretId, text: await readAwsSecret(secretId, env) } : undefined;
  const lake = await openS3Lake(env);
  try {
    const sources = Array.isArray(event.sources) ? event.sources : [...COLLECTOR_SOURCES];
    const info = await collect({
      store: lake.store,
      workload: { sources, scale: 0, seed: 0 },
      env,
      ...(sourceKeys ? { sourceKeys } : {}),
      log: (sourceEvent) => {
        if (sourceEvent.level !== 'debug') log(JSON.stringify(sourceEvent));
      },
    });
    const { pages, bytes, failedSources } = info.extract;
    const summary: CollectorResult = { runId: info.runId, pages, bytes, failedSources };
    log(JSON.stringify({ level: 'info', message: 'collected', ...summary }));
    return summary;
  } finally {
    lake.close();
  }
}

/** The Lambda entry point: the function's own environment. */
export function handler(event: CollectorEvent = {}): Promise<CollectorResult> {
  return collectIntoS3(process.env, event);
}
