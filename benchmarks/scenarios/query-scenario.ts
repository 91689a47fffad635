/**
 * The dashboards' analytic queries as a scenario: the first run of each query is
 * reported apart (cold: plans, caches — ClickBench's cold run) from the warm
 * repetitions that follow. Warm repetitions interleave the queries, so no query always
 * runs on a cache the previous one warmed. Samples are kept per repetition, so warm
 * figures carry bootstrap intervals like every other scenario.
 */
import { ANALYTIC_QUERIES, type Warehouse } from '../../providers/core/index.ts';
import type { ScenarioResult } from '../../results/schema.ts';
import { SampleBuffer } from '../stats/sample-buffer.ts';
import { summarizeSamples, type ScenarioConfig } from '../stats/summarize-samples.ts';

/** Queries the dashboards run: every named analytic query. */
export const DASHBOARD_QUERIES = ANALYTIC_QUERIES;

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : 'query-error';
}

async function timed(
  warehouse: Warehouse,
  query: (typeof DASHBOARD_QUERIES)[number],
  into: SampleBuffer[],
  repetition: number,
): Promise<void> {
  const start = performance.now();
  let ok = true;
  let code: string | undefined;
  try {
    await warehouse.query(query);
  } catch (error) {
    ok = false;
    code = errorCode(error);
  }
  const end = performance.now();
  for (const buffer of into) buffer.push(repetition, start, start, end, 0, ok, code);
}

export async function runQueryScenarios(
  warehouse: Warehouse,
  options: { warmRepetitions?: number; seed?: number } = {},
): Promise<ScenarioResult[]> {
  const repetitions = options.warmRepetitions ?? 10;
  const cold = new SampleBuffer();
  const warm = new SampleBuffer();
  const perQuery = new Map(DASHBOARD_QUERIES.map((q) => [q, new SampleBuffer()]));
  for (const query of DASHBOARD_QUERIES) await timed(warehouse, query, [cold], 0);
  for (let r = 0; r < repetitions; r++) {
    for (const query of DASHBOARD_QUERIES) await timed(warehouse, query, [warm, perQuery.get(query)!], r);
  }
  const config = (reps: number, ops: number, note: string, cache: string): ScenarioConfig => ({
    concurrency: 1,
    targetRatePerSec: null,
    operationsPerRepetition: ops,
    warmupOperations: 0,
    repetitions: reps,
    objectBytes: null,
    multipart: null,
    note,
    cache,
  });
  // No warehouse answers from a result cache here (BigQuery's is switched off per job), so
  // cold and warm differ only in what the engine itself keeps: plans, buffers, metadata.
  const COLD = 'first run after the load; no result cache (BigQuery useQueryCache=false; PostgreSQL has none)';
  const WARM = 'after the cold run: engine buffers and metadata warm; no result cache';
  const seed = options.seed ?? 1;
  return [
    summarizeSamples(
      'warehouse.query.cold',
      cold,
      config(1, DASHBOARD_QUERIES.length, 'first run of each dashboard query after the load', COLD),
      { seed },
    ),
    summarizeSamples(
      'warehouse.query.warm',
      warm,
      config(repetitions, DASHBOARD_QUERIES.length, 'every dashboard query once per repetition, interleaved', WARM),
      { seed },
    ),
    ...DASHBOARD_QUERIES.map((q) =>
      summarizeSamples(
        `warehouse.query.warm.${q}`,
        perQuery.get(q)!,
        config(repetitions, 1, 'one run per repetition', WARM),
        { seed },
      ),
    ),
  ];
}
