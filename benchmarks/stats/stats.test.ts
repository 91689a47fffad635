import assert from 'node:assert/strict';
import { generateLoad, type Clock } from '../scenarios/load-generator.ts';
import { bootstrapCi, bootstrapDifference, median } from '../../lib/bootstrap.ts';
import { wilsonInterval } from './proportion.ts';
import { decodeHistogram, hdrSummary } from './hdr.ts';
import { SampleBuffer } from './sample-buffer.ts';
import { repetitionFigures, summarizeSamples, type ScenarioConfig } from './summarize-samples.ts';

/** A clock that only moves when an operation or a sleep says so: deterministic timing. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    advance(ms) {
      t += ms;
    },
  };
}

const CONFIG: ScenarioConfig = {
  concurrency: 1,
  targetRatePerSec: 10,
  operationsPerRepetition: 10,
  warmupOperations: 0,
  repetitions: 1,
};

describe('bootstrap confidence intervals', function () {
  const values = [10, 12, 11, 13, 30, 12, 11];

  it('is deterministic for a seed and brackets the estimate', function () {
    const a = bootstrapCi(values, median, { seed: 7 })!;
    const b = bootstrapCi(values, median, { seed: 7 })!;
    assert.deepEqual(a, b);
    assert.equal(a.estimate, 12);
    assert.ok(a.lower <= a.estimate && a.estimate <= a.upper);
    assert.ok(a.upper < 30, 'the median interval is not dragged to the outlier');
  });

  it('changes with the seed only through resampling, and needs two observations', function () {
    const other = bootstrapCi(values, median, { seed: 8 })!;
    assert.equal(other.estimate, 12);
    assert.equal(bootstrapCi([5], median), null);
  });

  it('a difference interval excludes 0 for clearly different sets and includes it for equal ones', function () {
    const slow = [20, 21, 22, 20, 21];
    const fast = [10, 11, 10, 12, 11];
    const d = bootstrapDifference(slow, fast, median, { seed: 3 })!;
    assert.ok(d.upper < 0, JSON.stringify(d));
    const same = bootstrapDifference(fast, fast, median, { seed: 3 })!;
    assert.ok(same.lower <= 0 && same.upper >= 0, JSON.stringify(same));
  });
});

describe('load generator and intended-start latency', function () {
  it('charges queued operations for the stall of a slow one (no coordinated omission)', async function () {
    const clock = fakeClock();
    const samples = new SampleBuffer();
    // 10 ops/s on one worker; op 0 stalls 1 s, the others take 1 ms.
    await generateLoad(
      async (i) => {
        clock.advance(i === 0 ? 1000 : 1);
        return 100;
      },
      samples,
      0,
      { operations: 10, concurrency: 1, targetRatePerSec: 10, clock },
    );
    assert.equal(samples.count, 10);
    const s1 = samples.at(1);
    assert.equal(s1.intendedStartMs, 100);
    assert.equal(s1.startMs, 1000, 'op 1 could only start when op 0 ended');
    assert.equal(s1.endMs - s1.intendedStartMs, 901, 'its latency counts the wait');
    assert.equal(s1.endMs - s1.startMs, 1, 'its service time does not');
    const result = summarizeSamples('op', samples, CONFIG);
    assert.ok(result.latencyMs!.p50 > 100, `p50 from intended start is ${result.latencyMs!.p50}`);
    assert.equal(result.serviceTimeMs!.p50, 1);
  });

  it('records the same latencies into the HDR histogram (µs, 3 significant digits)', async function () {
    const clock = fakeClock();
    const samples = new SampleBuffer();
    await generateLoad(
      async (i) => {
        clock.advance(i === 0 ? 1000 : 1);
        return 0;
      },
      samples,
      0,
      { operations: 10, concurrency: 1, targetRatePerSec: 10, clock },
    );
    const hdr = hdrSummary(samples)!;
    assert.equal(hdr.count, 10);
    assert.ok(Math.abs(hdr.maxMs - 1000) / 1000 < 0.001, `max ${hdr.maxMs}`);
    const decoded = decodeHistogram(hdr.encoded);
    assert.equal(decoded.totalCount, 10);
    assert.ok(decoded.getValueAtPercentile(50) >= 500_000, 'the median waited behind the stall');
  });

  it('without a target rate, latency is the service time', async function () {
    const clock = fakeClock();
    const samples = new SampleBuffer();
    await generateLoad(
      async () => {
        clock.advance(5);
        return 0;
      },
      samples,
      0,
      { operations: 4, concurrency: 2, clock },
    );
    for (const s of samples.toArray()) assert.equal(s.intendedStartMs, s.startMs);
  });
});

describe('summarizing samples', function () {
  it('reports failed, with the reason, when any operation failed', function () {
    const samples = new SampleBuffer();
    samples.push(0, 0, 0, 2, 10, true);
    samples.push(0, 2, 2, 3, 0, false, 'unavailable');
    const r = summarizeSamples('store.put.small', samples, CONFIG);
    assert.equal(r.status, 'failed');
    assert.match(r.reason!, /1 of 2 operations failed \(1 × unavailable\)/);
    assert.equal(r.errors, 1);
  });

  it('computes throughput per repetition and an interval over repetitions', function () {
    const samples = new SampleBuffer();
    // Five repetitions of 10 ops of 1 ms back to back; repetition r is (r + 1)× slower.
    for (let r = 0; r < 5; r++)
      for (let i = 0; i < 10; i++)
        samples.push(r, 1000 * r + i * (r + 1), 1000 * r + i * (r + 1), 1000 * r + (i + 1) * (r + 1), 1, true);
    const reps = repetitionFigures(samples);
    assert.deepEqual(
      reps.map((x) => x.p50Ms),
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(
      reps.map((x) => Math.round(x.opsPerSec!)),
      [1000, 500, 333, 250, 200],
    );
    const result = summarizeSamples('s', samples, { ...CONFIG, repetitions: 5 });
    assert.equal(result.status, 'ok');
    assert.equal(result.throughput!.opsPerSec, 333.333);
    assert.ok(result.ci!.p50Ms!.lower <= 3 && result.ci!.p50Ms!.upper >= 3);
    assert.deepEqual(result.ci!.observations.p50Ms, [1, 2, 3, 4, 5]);
  });

  it('reports skipped, not zeros, when nothing ran', function () {
    const r = summarizeSamples('s', new SampleBuffer(), CONFIG);
    assert.equal(r.status, 'skipped');
    assert.equal(r.latencyMs, null);
  });
});

describe('wilsonInterval', function () {
  it('matches the textbook figures and keeps width when nothing failed', function () {
    // 0 of 10: [0, 0.2775] (Brown, Cai & DasGupta 2001, Wilson interval, n = 10, x = 0).
    const none = wilsonInterval(0, 10)!;
    assert.equal(none.estimate, 0);
    assert.equal(none.lower, 0);
    assert.equal(Math.round(none.upper * 1e4) / 1e4, 0.2775);
    // 5 of 10: symmetric around 0.5, [0.2366, 0.7634].
    const half = wilsonInterval(5, 10)!;
    assert.deepEqual([Math.round(half.lower * 1e4) / 1e4, Math.round(half.upper * 1e4) / 1e4], [0.2366, 0.7634]);
    assert.match(half.method, /Wilson score interval over 10 operations/);
  });
  it('narrows as attempts grow and refuses impossible counts', function () {
    const small = wilsonInterval(1, 100)!;
    const large = wilsonInterval(100, 10_000)!;
    assert.ok(large.upper - large.lower < small.upper - small.lower);
    assert.equal(wilsonInterval(0, 0), null);
    assert.throws(() => wilsonInterval(3, 2), RangeError);
  });
});
