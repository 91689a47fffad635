/**
 * Turns raw samples into a scenario's figures with pure functions. A scenario with any
 * failed operation is `failed`: its latency covers only successful operations and the
 * reason says how many failed, so a partial number never passes for a whole one.
 */
import type { SeriesSnapshot } from '../../providers/layers/operation-log.ts';
import type { ScenarioResult } from '../../results/schema.ts';
import { round3, summarizeLatencies, type LatencySummary } from '../stats/latency-stats.ts';

function roundSummary(summary: LatencySummary | null): LatencySummary | null {
  if (!summary) return null;
  return Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, round3(v)])) as unknown as LatencySummary;
}

export function scenarioFromSeries(name: string, series: SeriesSnapshot | null, retries = 0): ScenarioResult {
  if (!series || series.count === 0) {
    return {
      name,
      status: 'skipped',
      reason: 'no operation was run',
      ops: 0,
      errors: 0,
      retries,
      latencyMs: null,
      throughput: null,
    };
  }
  const okDurations: number[] = [];
  let bytes = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (let i = 0; i < series.count; i++) {
    const start = series.startMs[i]!;
    const end = start + series.durationMs[i]!;
    first = Math.min(first, start);
    last = Math.max(last, end);
    if (series.ok[i] === 1) {
      okDurations.push(series.durationMs[i]!);
      bytes += series.bytes[i]!;
    }
  }
  const errors = series.count - okDurations.length;
  // Throughput over the wall-clock span of the operations (concurrency included).
  const spanSec = (last - first) / 1000;
  const throughput =
    spanSec > 0 ? { opsPerSec: round3(okDurations.length / spanSec), bytesPerSec: round3(bytes / spanSec) } : null;
  const failed = errors > 0;
  const reasons = Object.entries(series.errors)
    .map(([code, n]) => `${n} × ${code}`)
    .join(', ');
  return {
    name,
    status: failed ? 'failed' : 'ok',
    reason: failed ? `${errors} of ${series.count} operations failed (${reasons})` : null,
    ops: series.count,
    errors,
    retries,
    latencyMs: roundSummary(summarizeLatencies(okDurations)),
    throughput,
  };
}
