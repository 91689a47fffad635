/**
 * Benchmarks of the harness itself (`npm run bench:harness`): what measuring costs, and
 * whether a known delay is measured as that delay. Reported, never asserted (timings
 * depend on the machine). Targets: ≤ 1 µs and ≤ 1 % of the cheapest measured
 * operation per sample; a 20 ms injected latency measured within a few percent.
 *
 *   overhead: the same no-op operation driven N times by a bare loop and by the load
 *             generator recording into a SampleBuffer (and through the metered
 *             wrapper); the difference per operation is the harness's cost.
 *   accuracy: a filesystem store wrapped by chaos with `latency=20ms`; the measured
 *             median minus the store's own median is compared with 20 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsObjectStoreForHarness } from './fs-store.ts';
import { chaosObjectStore } from '../../providers/layers/chaos.ts';
import { meteredStore } from '../../providers/layers/metered.ts';
import { OperationLog } from '../../providers/layers/operation-log.ts';
import { parseFaults } from '../../providers/layers/parse-faults.ts';
import type { ObjectStore } from '../../providers/core/index.ts';
import { percentileSorted } from '../../lib/percentile.ts';
import { generateLoad } from '../../benchmarks/scenarios/load-generator.ts';
import { SampleBuffer } from '../../benchmarks/stats/sample-buffer.ts';

const N = Number(process.env.HARNESS_OPS ?? 200_000);

async function bareLoop(op: () => Promise<number>, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await op();
  return performance.now() - start;
}

async function measuredLoop(op: () => Promise<number>, n: number): Promise<number> {
  const samples = new SampleBuffer();
  const start = performance.now();
  await generateLoad(op, samples, 0, { operations: n, concurrency: 1 });
  return performance.now() - start;
}

function medianOf(samples: SampleBuffer): number {
  const values = Float64Array.from(
    { length: samples.count },
    (_, i) => samples.endMs[i]! - samples.intendedStartMs[i]!,
  ).sort();
  return percentileSorted(values, 50);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const noop = async () => 0;
  // Warm the JIT on both paths before timing them.
  await bareLoop(noop, 20_000);
  await measuredLoop(noop, 20_000);
  const bare = Math.min(await bareLoop(noop, N), await bareLoop(noop, N));
  const measured = Math.min(await measuredLoop(noop, N), await measuredLoop(noop, N));
  const overheadUs = ((measured - bare) / N) * 1000;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-harness-'));
  try {
    const store: ObjectStore = new FsObjectStoreForHarness(dir);
    await store.put('probe.json', '{"probe":true}');
    const meter = meteredStore(store, new OperationLog());
    const get = async () => (await store.get('probe.json')).byteLength;
    const meteredGet = async () => (await meter.get('probe.json')).byteLength;
    const ops = 2000;
    await bareLoop(get, 200);
    await bareLoop(meteredGet, 200);
    // Alternate the two and keep each one's best: the page cache and the JIT settle.
    let getBare = Number.POSITIVE_INFINITY;
    let getMetered = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 5; round++) {
      getBare = Math.min(getBare, await bareLoop(get, ops));
      getMetered = Math.min(getMetered, await bareLoop(meteredGet, ops));
    }
    const cheapestUs = (getBare / ops) * 1000;
    const meterOverheadUs = ((getMetered - getBare) / ops) * 1000;

    // Accuracy: the store's own median, then the same through chaos latency=20ms.
    const base = new SampleBuffer();
    await generateLoad(get, base, 0, { operations: 100, concurrency: 1 });
    const delayed = chaosObjectStore(store, 'local', { spec: parseFaults('latency=20ms') });
    const slow = new SampleBuffer();
    await generateLoad(async () => (await delayed.get('probe.json')).byteLength, slow, 0, {
      operations: 100,
      concurrency: 1,
    });
    const injected = medianOf(slow) - medianOf(base);
    const report = {
      operations: N,
      harnessOverheadUsPerOp: Math.round(overheadUs * 1000) / 1000,
      meteredWrapperOverheadUsPerOp: Math.round(meterOverheadUs * 1000) / 1000,
      cheapestOperation: { name: 'local store.get (14 B, page cache)', meanUs: Math.round(cheapestUs * 1000) / 1000 },
      overheadShareOfCheapest: Math.round(((overheadUs + Math.max(0, meterOverheadUs)) / cheapestUs) * 10000) / 100,
      accuracy: {
        injectedMs: 20,
        measuredMs: Math.round(injected * 1000) / 1000,
        errorPercent: Math.round(((injected - 20) / 20) * 10000) / 100,
      },
    };
    if (json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    console.log(
      `harness overhead per measured operation: ${report.harnessOverheadUsPerOp} µs (target ≤ 1 µs) over ${N} no-op operations`,
    );
    console.log(
      `metered wrapper overhead per operation:   ${report.meteredWrapperOverheadUsPerOp} µs (a difference of two means: noisy at the µs level)`,
    );
    console.log(
      `cheapest operation (${report.cheapestOperation.name}): ${report.cheapestOperation.meanUs} µs → harness + meter = ${report.overheadShareOfCheapest} % of it (target ≤ 1 %)`,
    );
    console.log(
      `accuracy: injected 20 ms, measured ${report.accuracy.measuredMs} ms (${report.accuracy.errorPercent >= 0 ? '+' : ''}${report.accuracy.errorPercent} %); timer granularity adds to the error`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
