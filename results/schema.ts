/**
 * The results file: one per run. This zod schema is the source
 * of truth; `results.schema.json` is generated from it (`npm run results:schema`) and a
 * test keeps the two identical, so the published JSON Schema never drifts.
 */
import { z } from 'zod';

/** Version written by this code; files of versions 1 (no benchmark extras) and 2 (no platform cost, failure rate or cluster ranking) still validate. */
export const RESULTS_SCHEMA_VERSION = 3;

const nullableNumber = z.number().nullable();

export const latencySchema = z.object({
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  p999: z.number(),
  max: z.number(),
  min: z.number(),
  mean: z.number(),
});

/** Percentile bootstrap interval of a statistic over repetitions. */
export const confidenceIntervalSchema = z.object({
  estimate: z.number(),
  lower: z.number(),
  upper: z.number(),
  /** e.g. 0.95 */
  confidence: z.number().positive().max(1),
  /** How the interval was computed, e.g. `percentile bootstrap over 10 repetitions`, `Wilson score`. v3. */
  method: z.string().optional(),
});

export const scenarioConfigSchema = z.object({
  concurrency: z.number().int().positive(),
  /** Scheduled operations per second (open loop), or null for a closed loop. */
  targetRatePerSec: z.number().positive().nullable(),
  operationsPerRepetition: z.number().int().nonnegative(),
  warmupOperations: z.number().int().nonnegative(),
  repetitions: z.number().int().nonnegative(),
  objectBytes: z.number().int().nonnegative().nullable().optional(),
  multipart: z.boolean().nullable().optional(),
  note: z.string().nullable().optional(),
  /** Cache state the operations ran with, e.g. `result cache off, first run` (query scenarios). v3. */
  cache: z.string().nullable().optional(),
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
  /** Measured repetitions (interleaved across providers). v2. */
  repetitions: z.number().int().nonnegative().optional(),
  /** How the scenario was driven. v2. */
  config: scenarioConfigSchema.optional(),
  /** Latency from the actual start (the service time), next to `latencyMs` from the intended start. v2. */
  serviceTimeMs: latencySchema.nullable().optional(),
  /** Bootstrap confidence intervals over the repetitions, with the observations. v2. */
  ci: z
    .object({
      p50Ms: confidenceIntervalSchema.nullable(),
      p95Ms: confidenceIntervalSchema.nullable(),
      opsPerSec: confidenceIntervalSchema.nullable(),
      /** Per-repetition figures the intervals were computed from. */
      observations: z.object({
        p50Ms: z.array(z.number()),
        p95Ms: z.array(z.number()),
        opsPerSec: z.array(z.number()),
      }),
    })
    .nullable()
    .optional(),
  /** HdrHistogram (compressed base64, µs) of latencies from the intended start. v2. */
  hdr: z.string().nullable().optional(),
  /** Key of the raw samples (gzip NDJSON) under `bench/run=<runId>/` in the lake. v2. */
  samplesKey: z.string().nullable().optional(),
});

export const costLineSchema = z.object({
  item: z.string(),
  usage: z.number(),
  unit: z.string(),
  unitPrice: nullableNumber,
  priceSource: z.string().nullable(),
  priceDate: z.string().nullable(),
  /** Line cost (usage × unitPrice / per), null when the price is unknown. v2. */
  cost: nullableNumber.optional(),
  /** True when the usage is an estimate (e.g. bytes scanned without job statistics). v2. */
  estimated: z.boolean().optional(),
  /** Free allowance per month for this item in the regime, when one applies. v2. */
  freeAllowance: nullableNumber.optional(),
  /** How many units `unitPrice` covers (1000 requests…). v3. */
  per: z.number().positive().optional(),
  /** Where the usage figure came from, e.g. `BigQuery job statistics (totalBytesBilled)`. v3. */
  usageSource: z.string().optional(),
});

export const costSchema = z.object({
  currency: z.enum(['USD', 'EUR']),
  /** null when any needed price is unknown: never 0 for "don't know". */
  total: nullableNumber,
  breakdown: z.array(costLineSchema),
  freeTierApplied: z.boolean(),
  note: z.string().nullable(),
  /** Version of the price table used. v2. */
  priceTableVersion: z.string().nullable().optional(),
  /** Free-tier regime assumed (e.g. `aws-legacy`, `aws-credits`, `none`). v2. */
  freeTierRegime: z.string().nullable().optional(),
  /** Projected cost of one month at the collection volume (`--postings-per-day`). v2. */
  monthly: z
    .object({
      postingsPerDay: z.number().nonnegative(),
      /** null when any needed price is unknown. */
      total: nullableNumber,
      /** Same, after the free allowances of the regime. */
      totalAfterFreeTier: nullableNumber,
      breakdown: z.array(costLineSchema),
      note: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** Share (0..1) of the monthly usage lines that fit inside the free allowances; null when unknown. v2. */
  freeTierFit: nullableNumber.optional(),
  /** Hours this provider was billed for in the run: its own pipeline and scenario time, not the whole suite's. v3. */
  billedHours: z.number().nonnegative().optional(),
  /**
   * The fixed monthly cost of what the provider's stack deploys (keys, secrets, audit and
   * log ingestion, alarms, instances kept up), derived from the synthesized Terraform
   * resources; null when the provider has no stack (local). v3.
   */
  platform: z
    .object({
      /** Monthly total of the lines; null when any needed price is unknown. */
      monthly: nullableNumber,
      /** One line per billable resource kind, usage in the price item's unit per month. */
      lines: z.array(costLineSchema),
      /** Where the resource list came from, e.g. `providers/aws/platform-inventory.json (infra synth)`. */
      source: z.string(),
      note: z.string().nullable(),
    })
    .nullable()
    .optional(),
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
  /** Injected faults by kind (e.g. `store:unavailable`, `http:reset`). v2. */
  faultsByKind: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** The fault specification of the run (`--faults`), null when none. v2. */
  faults: z.string().nullable().optional(),
  /** Retry policy of the retrying wrapper (attempts, backoff). v2. */
  retryPolicy: z.string().nullable().optional(),
  /** Retry settings of each SDK (they are off: retries are the wrapper's, where they are counted). v2. */
  sdkRetries: z.record(z.string(), z.string()).optional(),
  /** Crash/resume checks run for this provider (`jobbench` reliability test), when any. v2. */
  crashResume: z
    .array(
      z.object({
        boundary: z.string(),
        resumed: z.boolean(),
        lost: z.number().int().nonnegative(),
        duplicated: z.number().int().nonnegative(),
      }),
    )
    .optional(),
  /** Operations attempted by the measured scenarios (the denominator of `failureRate`). v3. */
  attempts: z.number().int().nonnegative().optional(),
  /** Failed ÷ attempted operations with its interval (`method` says which). v3. */
  failureRate: confidenceIntervalSchema.nullable().optional(),
  /**
   * Attempts that ran past their deadline (or hit an SDK or server timeout), by operation,
   * retried or not: each is a failure with code `timeout`, retried like any retryable error. v3.
   */
  timeouts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** The operation deadlines of the run (`JOBBENCH_TIMEOUT_*`). v3. */
  deadlines: z.string().optional(),
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
  /**
   * Where the figures were measured from (benchmarks/vantage.ts): `in-region` by a runner the
   * provider's stack deploys next to the service, `external` from anywhere else (an operator's
   * machine: its network path is in every latency), `this-machine` for an emulator or the
   * embedded provider. Absent in files written before it was recorded. v3.
   */
  vantage: z
    .object({
      kind: z.enum(['in-region', 'external', 'this-machine']),
      /** The region the measuring process ran in, when known (in-region: the provider's own). */
      region: z.string().nullable(),
      /** The compute it ran on when a platform says so (`aws-lambda`, `cloud-run-job`, `container-apps-job`). */
      runtime: z.string().nullable(),
    })
    .optional(),
});

export const benchmarkConfigSchema = z.object({
  /** True when any provider ran on an emulator or this machine. */
  emulated: z.boolean(),
  repetitions: z.number().int().nonnegative(),
  concurrency: z.number().int().positive(),
  targetRatePerSec: z.number().positive().nullable(),
  warmupOperations: z.number().int().nonnegative(),
  /** Operations per repetition of the store scenarios; absent in files written before it was recorded. v3. */
  operations: z.number().int().positive().optional(),
  /** Size of a large put; absent in files written before it was recorded. v3. */
  largeObjectBytes: z.number().int().positive().optional(),
  /** Order the providers × repetitions ran in. */
  interleaving: z.string(),
  /** `--faults` specification, null when none. */
  faults: z.string().nullable(),
  /** Seed of every random choice of the harness (payloads, faults, bootstrap). */
  seed: z.number().int(),
  /** Price table version by provider (null: no table). */
  priceTables: z.record(z.string(), z.string().nullable()),
  /** Region by provider. */
  regions: z.record(z.string(), z.string()),
});

export const rankingEntrySchema = z.object({
  provider: z.string(),
  rank: z.number().int().positive(),
  score: z.number(),
  /** Normalized 0..1 score per criterion (1 = best among the providers); from v3 per weight group, over the clouds only. */
  criteria: z.record(z.string(), z.number().nullable()),
  emulated: z.boolean(),
  /** Share (0..1) of bootstrap draws in which this cloud ranks first; null when nothing could be resampled. v3. */
  probabilityFirst: z.number().min(0).max(1).nullable().optional(),
  /** Percentile interval of the score over the bootstrap draws. v3. */
  scoreInterval: z
    .object({ lower: z.number(), upper: z.number(), confidence: z.number().positive().max(1) })
    .nullable()
    .optional(),
  /** The figure behind each fine criterion, in its unit (ms, rows/s, currency, share); null when unknown. v3. */
  figures: z.record(z.string(), z.number().nullable()).optional(),
  /** Each fine criterion scaled 0..1 against the best cloud; null when unknown. v3. */
  components: z.record(z.string(), z.number().nullable()).optional(),
});

/** A provider shown beside the ranking (the embedded `local` reference), never ranked. v3. */
export const rankingReferenceSchema = z.object({
  provider: z.string(),
  emulated: z.boolean(),
  status: z.enum(['ok', 'failed', 'skipped']),
  /** Its figures per fine criterion, in their units. */
  figures: z.record(z.string(), z.number().nullable()),
});

/** The machine a run measured from: what its figures are read against. */
const machineSchema = z.object({
  cpus: z.number().int().positive(),
  memoryBytes: z.number().positive(),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
});

export const resultsSchema = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2), z.literal(RESULTS_SCHEMA_VERSION)]),
  runId: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  status: z.enum(['ok', 'partial', 'failed']),
  tool: z.object({ version: z.string(), gitSha: z.string().nullable() }),
  machine: machineSchema,
  workload: z.object({ sources: z.array(z.string()), scale: z.number().int().nonnegative(), seed: z.number().int() }),
  providers: z.array(providerResultSchema),
  /** How the benchmark was driven (v2): every figure is read against this. */
  benchmark: benchmarkConfigSchema.optional(),
  /**
   * Set on a comparison assembled by `jobbench results pull` from runs that each measured one
   * cloud (the stacks' runners): which run each provider result comes from, and the machine it
   * ran on (`machine` above is then the one that assembled it). v3.
   */
  combinedFrom: z
    .array(
      z.object({
        provider: z.string(),
        runId: z.string(),
        finishedAt: z.iso.datetime({ offset: true }),
        machine: machineSchema,
      }),
    )
    .optional(),
  recommendation: z
    .object({
      weights: z.record(z.string(), z.number().nonnegative()),
      ranking: z.array(rankingEntrySchema),
      /** Loud label when any ranked figure comes from an emulator. */
      caveat: z.string().nullable(),
      /** Single-weight changes that would change the top choice (v2). */
      sensitivity: z
        .array(z.object({ criterion: z.string(), from: z.number(), to: z.number(), newTop: z.string() }))
        .optional(),
      /** Whether a cloud is named, and why (or why not). `none` whenever the figures cannot support a choice. v3. */
      decision: z
        .object({ kind: z.enum(['cloud', 'none']), cloud: z.string().optional(), reason: z.string() })
        .optional(),
      /** `measured`: every ranked cloud ran on the real service; `emulated`: every one on an emulator; `mixed`. v3. */
      basis: z.enum(['measured', 'emulated', 'mixed', 'none']).optional(),
      /** True when the leader's score interval clears the runner-up's and its P(first) reaches the threshold; null when not computable. v3. */
      distinguishable: z.boolean().nullable().optional(),
      /** Providers shown beside the ranking and never ranked (the embedded reference). v3. */
      reference: z.array(rankingReferenceSchema).optional(),
      /** How the ranking and its uncertainty were computed. v3. */
      method: z
        .object({
          description: z.string(),
          draws: z.number().int().nonnegative(),
          seed: z.number().int(),
          confidence: z.number().positive().max(1),
          /** P(first) the leader needs before it is named. */
          threshold: z.number().min(0).max(1),
          criteria: z.array(
            z.object({
              id: z.string(),
              group: z.string(),
              label: z.string(),
              unit: z.string(),
              direction: z.enum(['more', 'less', 'rate']),
            }),
          ),
        })
        .optional(),
    })
    .nullable(),
});

export type Results = z.infer<typeof resultsSchema>;
export type ProviderResult = z.infer<typeof providerResultSchema>;
export type ScenarioResult = z.infer<typeof scenarioSchema>;
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
export type CostLine = z.infer<typeof costLineSchema>;
