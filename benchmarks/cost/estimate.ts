/**
 * `jobbench run --dry-run`: the cost of a run estimated from its options alone, before
 * anything is created. Usage is modelled from the scale (pages, chunks, checkpoints and
 * the benchmark scenarios' operations); every figure is an estimate and says so.
 */
import Table from 'cli-table3';
import type { PriceTable } from '../../providers/core/index.ts';
import type { PlatformInventory } from '../../providers/core/platform-inventory.ts';
import { DEFAULT_SCENARIO_SETTINGS, type ScenarioSettings } from '../scenarios/scenario.ts';
import { computeCost } from './cost-model.ts';
import type { FreeTierRegime } from './free-tier.ts';
import { monthlyCost } from './projection.ts';
import { platformMonth, stackCostOptions, withPlatform } from './provider-cost.ts';
import type { RunUsage } from './usage.ts';

export interface EstimateOptions {
  /** Each provider's price table and, when it deploys a stack, the stack's standing resources. */
  providers: ReadonlyArray<{
    name: string;
    region: string;
    prices: PriceTable | null;
    platform?: PlatformInventory | null;
  }>;
  /** Postings of the run (`--scale`). */
  scale: number;
  settings?: ScenarioSettings;
  /** Collection volume for the monthly projection (default: scale per day). */
  postingsPerDay?: number;
  regimes?: Partial<Record<string, FreeTierRegime>>;
}

/** Modelling constants (from local runs of the sample source, rounded). */
const POSTINGS_PER_PAGE = 50;
const PAGE_BYTES = 60_000;
const CLEAN_BYTES_PER_POSTING = 1_600;
const CHUNK_BYTES = 8 * 1024 * 1024;
const RUN_MINUTES = 5;

export function estimatedUsage(scale: number, settings: ScenarioSettings = DEFAULT_SCENARIO_SETTINGS): RunUsage {
  const pages = Math.ceil(scale / POSTINGS_PER_PAGE);
  const rawBytes = pages * PAGE_BYTES;
  const cleanBytes = scale * CLEAN_BYTES_PER_POSTING;
  const chunks = Math.max(1, Math.ceil(rawBytes / CHUNK_BYTES));
  const checkpoints = pages + chunks + 6;
  const reps = settings.repetitions;
  const ops = settings.operations + settings.warmupOperations;
  const benchPuts = reps * ops + reps * 3 + 32 + 250; // small puts, large puts, get and list fixtures
  const benchReads = reps * ops;
  return {
    writeRequests: pages * 2 + chunks * 2 + checkpoints + benchPuts,
    listRequests: 10 + reps * Math.ceil(settings.operations / 4),
    readRequests: pages * 2 + chunks + benchReads + 5,
    deleteRequests: 32 + 250 + reps * ops,
    bytesRead: rawBytes + cleanBytes * 2 + benchReads * 26_000,
    bytesWritten: rawBytes + cleanBytes + reps * 3 * settings.largeObjectBytes,
    lakeBytes: rawBytes + cleanBytes,
    warehouseBytes: cleanBytes,
    queries: 11 * (1 + 5) + 2,
    bytesScanned: 0,
    bytesScannedEstimated: true,
    runHours: RUN_MINUTES / 60,
    postings: scale,
  };
}

const money = (v: number | null, currency: string) => (v === null ? 'unknown' : `${v.toFixed(4)} ${currency}`);

export function estimateRunCost(options: EstimateOptions): string {
  const usage = estimatedUsage(options.scale, options.settings);
  usage.bytesScanned = usage.queries * Math.max(10 * 1024 * 1024, usage.warehouseBytes);
  const perDay = options.postingsPerDay ?? options.scale;
  const table = new Table({
    head: [
      'provider',
      'region',
      'price table',
      'run (estimate)',
      `month at ${perDay}/day`,
      'after free tier',
      'of which platform',
      'unknown prices',
    ],
    style: { head: [], border: [] },
  });
  for (const p of options.providers) {
    if (!p.prices) {
      table.push([p.name, p.region, 'none', 'n/a (no price table)', 'n/a', 'n/a', 'n/a', '']);
      continue;
    }
    const regime = options.regimes?.[p.prices.provider];
    const costOptions = stackCostOptions(p.platform ?? null, regime);
    const platform = platformMonth(p.platform ?? null, p.prices, regime);
    const run = computeCost(usage, p.prices, costOptions);
    const month = withPlatform(
      monthlyCost(usage, p.prices, { postingsPerDay: perDay, ...costOptions }),
      platform,
      p.prices.currency,
    );
    table.push([
      p.name,
      p.region,
      p.prices.version,
      money(run.total, run.currency),
      money(month.total, run.currency),
      money(month.totalAfterFreeTier, run.currency),
      platform ? money(platform.net.monthly, run.currency) : 'n/a',
      run.unknownItems.join(', '),
    ]);
  }
  return [
    'Estimated cost before anything is created (modelled usage, not metered):',
    table.toString(),
    `Usage model: ${Math.ceil(options.scale / POSTINGS_PER_PAGE)} raw pages, ${usage.writeRequests} writes, ${usage.readRequests} reads, ${usage.listRequests} listings, ~${RUN_MINUTES} min of database time.`,
    "Monthly totals include the platform line (the stack's standing resources, from its synthesized Terraform).",
    'A total is "unknown" when any needed price could not be verified (`jobbench prices`, docs/pricing.md).',
  ].join('\n');
}
