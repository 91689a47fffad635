/**
 * The results file (PRODUCT.md "Results"): one per run. This zod schema is the source
 * of truth; `results.schema.json` is generated from it (`npm run results:schema`) and a
 * test keeps the two identical, so the published JSON Schema never drifts.
 */
import { z } from 'zod';

export const RESULTS_SCHEMA_VERSION = 1;

const nullableNumber = z.number().nullable();

export const latencySchema = z.object({
  p50: z.number(), p90: z.number(), p95: z.number(), p99: z.number(), p999: z.number(),
  max: z.number(), min: z.number(), mean: z.number(),
});

export const scenarioSchema = z.object({
  /** e.g. `store.put`, `warehouse.load`, `warehouse.query.top_skills`. */
  name: z.string(),
  /** `failed` when any operation failed: figures are then not reported as if whole. */
  status: z.enum(['ok', 'failed', 'skipped']),
  reason: z.string().nullable(),
  ops: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  /** Milliseconds; null when there is no successful sample. */
  latencyMs: latencySchema.nullable(),
  throughput: z.object({ opsPerSec: nullableNumber, bytesPerSec: nullableNumber }).nullable(),
});

export const costLineSchema = z.object({
  item: z.string(),
  usage: z.number(),
  unit: z.string(),
  unitPrice: nullableNumber,
  priceSource: z.string().nullable(),
  priceDate: z.string().nullable(),
});

export const costSchema = z.object({
  currency: z.enum(['USD', 'EUR']),
  /** null when any needed price is unknown: never 0 for "don't know". */
  total: nullableNumber,
  breakdown: z.array(costLineSchema),
  freeTierApplied: z.boolean(),
  note: z.string().nullable(),
});

export const pipelineSchema = z.object({
  /** Raw pages written to the lake. */
  rawPages: z.number().int().nonnegative(),
  /** Postings found in the raw pages (parsed + quarantined). */
  extracted: z.number().int().nonnegative(),
  /** Canonical postings written to clean/. */
  transformed: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
  /** Postings sent to the warehouse by this run. */
  loaded: z.number().int().nonnegative(),
  /** fact_posting rows after the run (the warehouse persists across runs). */
  warehouseRows: z.number().int().nonnegative(),
  durationsMs: z.record(z.string(), z.number().nonnegative()),
  /** True when this run continued an interrupted one from its manifest. */
  resumed: z.boolean(),
});

export const reliabilitySchema = z.object({
  faultsInjected: z.number().int().nonnegative(),
  retried: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Postings of this run missing from the warehouse (by id and content hash). */
  lost: z.number().int().nonnegative(),
  /** Postings of this run stored more than once. */
  duplicated: z.number().int().nonnegative(),
});

export const providerResultSchema = z.object({
  name: z.string(),
  region: z.string(),
  /** True when measured on an emulator or the local machine: says nothing about the real cloud. */
  emulated: z.boolean(),
  endpointFingerprint: z.string(),
  status: z.enum(['ok', 'failed', 'skipped']),
  reason: z.string().nullable(),
  pipeline: pipelineSchema.nullable(),
  scenarios: z.array(scenarioSchema),
  cost: costSchema.nullable(),
  reliability: reliabilitySchema.nullable(),
  /** Data quality of this run's postings (see docs/transform.md). */
  quality: z.record(z.string(), z.unknown()).nullable(),
  /** Per-source fetch counters (requests, refused by robots, throttled, …). */
  sources: z.record(z.string(), z.record(z.string(), z.number())).nullable(),
});

export const rankingEntrySchema = z.object({
  provider: z.string(),
  rank: z.number().int().positive(),
  score: z.number(),
  /** Normalized 0..1 score per criterion (1 = best among the providers). */
  criteria: z.record(z.string(), z.number().nullable()),
  emulated: z.boolean(),
});

export const resultsSchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  runId: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  status: z.enum(['ok', 'partial', 'failed']),
  tool: z.object({ version: z.string(), gitSha: z.string().nullable() }),
  machine: z.object({ cpus: z.number().int().positive(), memoryBytes: z.number().positive(), node: z.string(), platform: z.string(), arch: z.string() }),
  workload: z.object({ sources: z.array(z.string()), scale: z.number().int().nonnegative(), seed: z.number().int() }),
  providers: z.array(providerResultSchema),
  recommendation: z
    .object({
      weights: z.record(z.string(), z.number().nonnegative()),
      ranking: z.array(rankingEntrySchema),
      /** Loud label when any ranked figure comes from an emulator. */
      caveat: z.string().nullable(),
    })
    .nullable(),
});

export type Results = z.infer<typeof resultsSchema>;
export type ProviderResult = z.infer<typeof providerResultSchema>;
export type ScenarioResult = z.infer<typeof scenarioSchema>;
export type PipelineSummary = z.infer<typeof pipelineSchema>;
export type Reliability = z.infer<typeof reliabilitySchema>;
export type Cost = z.infer<typeof costSchema>;
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

/** The JSON Schema (draft 2020-12) published as results/results.schema.json. */
export function resultsJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://github.com/jobbench/jobbench/results/results.schema.json',
    title: 'jobbench results',
    ...z.toJSONSchema(resultsSchema, { target: 'draft-2020-12' }),
  };
}
