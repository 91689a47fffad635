/**
 * Runs the store and warehouse scenarios on several providers with repetitions
 * interleaved: repetition r runs every provider in turn, in an order shuffled from the
 * seed for each repetition, so a slow minute of the machine (or another tenant of the
 * emulators) falls on every provider alike instead of on whichever runs last. Prepare and warm-up come
 * first, cleanup always runs, raw samples are kept (lake and local disk) and every
 * figure is computed from them afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Provider } from '../../providers/core/index.ts';
import type { ScenarioResult } from '../../results/schema.ts';
import { generateLoad, type Clock } from './load-generator.ts';
import { SampleBuffer } from '../stats/sample-buffer.ts';
import { seededRandom } from '../../lib/seeded-random.ts';
import { summarizeSamples, type ScenarioConfig } from '../stats/summarize-samples.ts';
import type { Scenario, ScenarioContext, ScenarioSettings } from './scenario.ts';

export interface ScenarioTarget {
  /** The provider the operations go through (typically retrying + chaos wrapped). */
  provider: Provider;
  scenarios: readonly Scenario<unknown>[];
  /** Retries counted so far by this provider's retrying wrapper (for per-scenario deltas). */
  retriesSoFar?: () => number;
  /** Told the milliseconds this provider's scenarios took (prepare, warm-up, repetitions, cleanup): its billed time. */
  addActiveMs?: (ms: number) => void;
}

export interface MatrixOptions {
  runId: string;
  settings: ScenarioSettings;
  /** Local directory for samples (`results/samples`); omitted: only the lake copy. */
  samplesDir?: string;
  clock?: Clock;
  onProgress?: (message: string) => void;
}

interface Cell {
  target: ScenarioTarget;
  scenario: Scenario<unknown>;
  ctx: ScenarioContext;
  state: unknown;
  ready: boolean;
  /** Set when the scenario cannot or could not run. */
  skipReason: string | null;
  failReason: string | null;
  samples: SampleBuffer;
  retries: number;
}

/**
 * The provider order of each repetition: a Fisher–Yates shuffle drawn from `seed`, so
 * no provider always runs first (cold) or last (after the others warmed the machine),
 * and the same seed gives the same orders.
 */
export function repetitionOrders(providers: number, repetitions: number, seed: number): number[][] {
  const random = seededRandom(seed ^ 0x5eed);
  const orders: number[][] = [];
  for (let r = 0; r < repetitions; r++) {
    const order = Array.from({ length: providers }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    orders.push(order);
  }
  return orders;
}

/** Runs `fn` and adds its wall time to the target's billed time. */
async function timedFor<T>(target: ScenarioTarget, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    target.addActiveMs?.(performance.now() - start);
  }
}

const samplesKeyOf = (runId: string, provider: string, scenario: string) =>
  `bench/run=${runId}/${provider}/${scenario}.ndjson.gz`;

function configOf(cell: Cell, settings: ScenarioSettings): ScenarioConfig {
  const s = cell.scenario;
  const payload = s.payload?.(cell.ctx);
  return {
    concurrency: s.concurrency?.(settings) ?? settings.concurrency,
    targetRatePerSec: s.rateLimited ? settings.targetRatePerSec : null,
    operationsPerRepetition: s.operationsPerRepetition?.(settings) ?? settings.operations,
    warmupOperations: s.warmupOperations?.(settings) ?? settings.warmupOperations,
    repetitions: settings.repetitions,
    objectBytes: payload?.objectBytes ?? null,
    multipart: payload?.multipart ?? null,
    note: payload?.note ?? null,
  };
}

/** Gzipped NDJSON, one line per operation (warp keeps its raw samples the same way). */
export function encodeSamples(provider: string, scenario: string, samples: SampleBuffer): Buffer {
  const lines = samples.toArray().map((s) => JSON.stringify({ provider, scenario, ...s }));
  return gzipSync(`${lines.join('\n')}\n`);
}

export async function runScenarioMatrix(
  targets: readonly ScenarioTarget[],
  options: MatrixOptions,
): Promise<Map<string, ScenarioResult[]>> {
  const { settings } = options;
  const progress = options.onProgress ?? (() => {});
  const cells: Cell[] = [];
  let seed = settings.seed;
  for (const target of targets) {
    for (const scenario of target.scenarios) {
      const ctx: ScenarioContext = {
        provider: target.provider,
        prefix: `bench/tmp-${randomBytes(6).toString('hex')}/`,
        settings,
        random: seededRandom(seed++),
      };
      cells.push({
        target,
        scenario,
        ctx,
        state: undefined,
        ready: false,
        skipReason: scenario.unsupported?.(target.provider) ?? null,
        failReason: null,
        samples: new SampleBuffer(),
        retries: 0,
      });
    }
  }
  const run = async (cell: Cell, repetition: number | null) => {
    const config = configOf(cell, settings);
    const before = cell.target.retriesSoFar?.() ?? 0;
    await timedFor(cell.target, () =>
      generateLoad(
        (i) => cell.scenario.run(cell.ctx, cell.state, i),
        repetition === null ? null : cell.samples,
        repetition ?? 0,
        {
          operations: repetition === null ? config.warmupOperations : config.operationsPerRepetition,
          concurrency: config.concurrency,
          targetRatePerSec: config.targetRatePerSec,
          ...(options.clock ? { clock: options.clock } : {}),
        },
      ),
    );
    if (repetition !== null) cell.retries += (cell.target.retriesSoFar?.() ?? 0) - before;
  };
  try {
    for (const cell of cells) {
      if (cell.skipReason) continue;
      try {
        progress(`${cell.target.provider.name}: preparing ${cell.scenario.name}`);
        cell.state = await timedFor(cell.target, () => cell.scenario.prepare(cell.ctx));
        await run(cell, null); // warm-up, discarded
        cell.ready = true;
      } catch (error) {
        cell.failReason = `prepare failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const orders = repetitionOrders(targets.length, settings.repetitions, settings.seed);
    for (let r = 0; r < settings.repetitions; r++) {
      for (const target of orders[r]!.map((i) => targets[i]!)) {
        progress(`repetition ${r + 1}/${settings.repetitions}: ${target.provider.name}`);
        for (const cell of cells) if (cell.target === target && cell.ready) await run(cell, r);
      }
    }
  } finally {
    for (const cell of cells) {
      if (cell.skipReason) continue;
      try {
        await timedFor(cell.target, () => cell.scenario.cleanup(cell.ctx, cell.state));
      } catch (error) {
        progress(
          `${cell.target.provider.name}: cleanup of ${cell.scenario.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  const results = new Map<string, ScenarioResult[]>();
  for (const cell of cells) {
    const name = cell.target.provider.name;
    const list = results.get(name) ?? [];
    results.set(name, list);
    const config = configOf(cell, settings);
    if (cell.skipReason) {
      list.push({
        name: cell.scenario.name,
        status: 'skipped',
        reason: cell.skipReason,
        ops: 0,
        errors: 0,
        retries: 0,
        latencyMs: null,
        throughput: null,
        repetitions: 0,
        config,
      });
      continue;
    }
    let samplesKey: string | null = null;
    if (cell.samples.count > 0) {
      const encoded = encodeSamples(name, cell.scenario.name, cell.samples);
      samplesKey = samplesKeyOf(options.runId, name, cell.scenario.name);
      await cell.target.provider.store.put(samplesKey, encoded, { contentType: 'application/gzip' }).catch(() => {
        samplesKey = null; // the figures stand without the lake copy; the local copy may still exist
      });
      if (options.samplesDir) {
        const file = path.join(options.samplesDir, options.runId, name, `${cell.scenario.name}.ndjson.gz`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, encoded);
      }
    }
    const summary = summarizeSamples(cell.scenario.name, cell.samples, config, {
      retries: cell.retries,
      samplesKey,
      seed: settings.seed,
    });
    if (cell.failReason) list.push({ ...summary, status: 'failed', reason: cell.failReason });
    else list.push(summary);
  }
  return results;
}
