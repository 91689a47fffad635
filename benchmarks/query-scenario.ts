/**
 * The dashboards' analytic queries as a scenario: the first run of each query is
 * reported apart (cold: plans, caches) from the warm repetitions that follow.
 */
import { ANALYTIC_QUERIES, type Warehouse } from '../providers/core/index.ts';
import { meteredWarehouse } from '../providers/wrappers/metered.ts';
import { OperationLog } from '../providers/wrappers/operation-log.ts';
import type { ScenarioResult } from '../results/schema.ts';
import { scenarioFromSeries } from './scenario-result.ts';

/** Queries the dashboards run (the fingerprint dump is a verification, not a dashboard query). */
export const DASHBOARD_QUERIES = ANALYTIC_QUERIES.filter((q) => q !== 'posting_fingerprints');

export async function runQueryScenarios(warehouse: Warehouse, options: { warmRepetitions?: number } = {}): Promise<ScenarioResult[]> {
  const cold = new OperationLog();
  const warm = new OperationLog();
  const coldWarehouse = meteredWarehouse(warehouse, cold);
  const warmWarehouse = meteredWarehouse(warehouse, warm);
  const repetitions = options.warmRepetitions ?? 5;
  for (const query of DASHBOARD_QUERIES) {
    await coldWarehouse.query(query).catch(() => {}); // recorded as failed by the meter
  }
  // Interleave the queries across repetitions so no query always runs on a hot cache.
  for (let r = 0; r < repetitions; r++) {
    for (const query of DASHBOARD_QUERIES) await warmWarehouse.query(query).catch(() => {});
  }
  const results: ScenarioResult[] = [];
  const merged = (log: OperationLog) => mergeSeries(log, DASHBOARD_QUERIES.map((q) => `warehouse.query.${q}`));
  results.push(scenarioFromSeries('warehouse.query.cold', merged(cold)));
  results.push(scenarioFromSeries('warehouse.query.warm', merged(warm)));
  for (const query of DASHBOARD_QUERIES) {
    results.push(scenarioFromSeries(`warehouse.query.warm.${query}`, warm.snapshot(`warehouse.query.${query}`)));
  }
  return results;
}

function mergeSeries(log: OperationLog, operations: readonly string[]) {
  const merged = new OperationLog();
  for (const op of operations) {
    const s = log.snapshot(op);
    if (!s) continue;
    for (let i = 0; i < s.count; i++) merged.record('all', s.startMs[i]!, s.durationMs[i]!, s.bytes[i]!, s.ok[i] === 1, 'query-error');
  }
  return merged.snapshot('all');
}
