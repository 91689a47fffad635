/**
 * Turns a scenario's raw samples into its results entry, with pure functions only:
 * latency from the intended start (no coordinated omission), service time from the
 * actual start, throughput over each repetition's wall-clock span, and bootstrap
 * confidence intervals over the repetitions. Any failed operation makes the scenario
 * `failed` with the reason; its figures then cover only the successful operations
 * and say so.
 */
import type { ScenarioResult } from '../../results/schema.ts';
import { round3, summarizeLatencies, type LatencySummary } from './latency-stats.ts';
import { bootstrapCi, median, type ConfidenceInterval } from '../../lib/bootstrap.ts';
import { hdrSummary } from './hdr.ts';
import type { SampleBuffer } from './sample-buffer.ts';
import { percentileSorted } from '../../lib/percentile.ts';

/** How a scenario was driven; recorded with its figures. */
export interface ScenarioConfig {
  /** Operations in flight at once. */
  concurrency: number;
  /** Operations per second scheduled (open loop), or null for a closed loop (next op when one ends). */
  targetRatePerSec: number | null;
  operationsPerRepetition: number;
  /** Operations run and discarded before measuring. */
  warmupOperations: number;
  repetitions: number;
  /** Payload size of each operation, when fixed. */
  objectBytes?: number | null;
  /** Whether the payload goes through a multipart upload (capability + size). */
  multipart?: boolean | null;
  /** Anything else worth knowing (e.g. "merge of the run's postings with changed content"). */
  note?: string | null;
  /** Cache state the operations ran with (query scenarios). */
  cache?: string | null;
}

export interface RepetitionFigures {
  repetition: number;
  ops: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  opsPerSec: number | null;
  bytesPerSec: number | null;
}

function roundSummary(summary: LatencySummary | null): LatencySummary | null {
  if (!summary) return null;
  return Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, round3(v)])) as unknown as LatencySummary;
}

function roundCi(ci: ConfidenceInterval | null, observations: number): ScenarioCi | null {
  if (!ci) return null;
  const method = `percentile bootstrap of the median over ${observations} repetitions (2,000 resamples)`;
  return {
    estimate: round3(ci.estimate),
    lower: round3(ci.lower),
    upper: round3(ci.upper),
    confidence: ci.confidence,
    method,
  };
}

type ScenarioCi = { estimate: number; lower: number; upper: number; confidence: number; method: string };

/** Figures of each repetition (the observations the bootstrap resamples). */
export function repetitionFigures(samples: SampleBuffer): RepetitionFigures[] {
  const byRep = new Map<number, number[]>();
  for (let i = 0; i < samples.count; i++) {
    const r = samples.repetition[i]!;
    let list = byRep.get(r);
    if (!list) {
      list = [];
      byRep.set(r, list);
    }
    list.push(i);
  }
  return [...byRep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([repetition, indexes]) => {
      const latencies: number[] = [];
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      let bytes = 0;
      for (const i of indexes) {
        first = Math.min(first, samples.intendedStartMs[i]!);
        last = Math.max(last, samples.endMs[i]!);
        if (samples.ok[i] === 1) {
          latencies.push(samples.endMs[i]! - samples.intendedStartMs[i]!);
          bytes += samples.bytes[i]!;
        }
      }
      const sorted = Float64Array.from(latencies).sort();
      const spanSec = (last - first) / 1000;
      return {
        repetition,
        ops: indexes.length,
        errors: indexes.length - latencies.length,
        p50Ms: sorted.length ? percentileSorted(sorted, 50) : null,
        p95Ms: sorted.length ? percentileSorted(sorted, 95) : null,
        opsPerSec: spanSec > 0 ? latencies.length / spanSec : null,
        bytesPerSec: spanSec > 0 ? bytes / spanSec : null,
      };
    });
}

const present = (values: Array<number | null>) => values.filter((v): v is number => v !== null && Number.isFinite(v));

export function summarizeSamples(
  name: string,
  samples: SampleBuffer,
  config: ScenarioConfig,
  extra: { retries?: number; samplesKey?: string | null; seed?: number } = {},
): ScenarioResult {
  const base = {
    name,
    retries: extra.retries ?? 0,
    repetitions: config.repetitions,
    config: { ...config },
    samplesKey: extra.samplesKey ?? null,
  };
  if (samples.count === 0) {
    return {
      ...base,
      status: 'skipped',
      reason: 'no operation was run',
      ops: 0,
      errors: 0,
      latencyMs: null,
      serviceTimeMs: null,
      throughput: null,
      ci: null,
      hdr: null,
    };
  }
  const latencies: number[] = [];
  const service: number[] = [];
  const errorCodes = new Map<string, number>();
  for (let i = 0; i < samples.count; i++) {
    if (samples.ok[i] === 1) {
      latencies.push(samples.endMs[i]! - samples.intendedStartMs[i]!);
      service.push(samples.endMs[i]! - samples.startMs[i]!);
    } else {
      const code = samples.errors.get(i) ?? 'unknown';
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
    }
  }
  const errors = samples.count - latencies.length;
  const reps = repetitionFigures(samples);
  const seed = extra.seed ?? 1;
  const opsPerSec = present(reps.map((r) => r.opsPerSec));
  const p50s = present(reps.map((r) => r.p50Ms));
  const p95s = present(reps.map((r) => r.p95Ms));
  const bytesPerSec = present(reps.map((r) => r.bytesPerSec));
  const failed = errors > 0;
  const hdr = hdrSummary(samples);
  return {
    ...base,
    status: failed ? 'failed' : 'ok',
    reason: failed
      ? `${errors} of ${samples.count} operations failed (${[...errorCodes].map(([c, n]) => `${n} × ${c}`).join(', ')}); figures cover the successful ones only`
      : null,
    ops: samples.count,
    errors,
    latencyMs: roundSummary(summarizeLatencies(latencies)),
    serviceTimeMs: roundSummary(summarizeLatencies(service)),
    // Throughput: the median over repetitions (each over its own wall-clock span).
    throughput: opsPerSec.length
      ? { opsPerSec: round3(median(opsPerSec)), bytesPerSec: bytesPerSec.length ? round3(median(bytesPerSec)) : null }
      : null,
    ci: {
      p50Ms: roundCi(bootstrapCi(p50s, median, { seed }), p50s.length),
      p95Ms: roundCi(bootstrapCi(p95s, median, { seed: seed + 1 }), p95s.length),
      opsPerSec: roundCi(bootstrapCi(opsPerSec, median, { seed: seed + 2 }), opsPerSec.length),
      observations: {
        p50Ms: p50s.map(round3),
        p95Ms: p95s.map(round3),
        opsPerSec: opsPerSec.map(round3),
      },
    },
    hdr: hdr ? hdr.encoded : null,
  };
}
