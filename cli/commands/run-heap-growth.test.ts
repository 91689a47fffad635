/** `jobbench run`: the heap growth a small run sets, and that V8 honours it once the process runs. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { DEFAULT_WORKLOAD } from '../../benchmarks/scenarios/scenario.ts';
import { heapGrowthFlag } from './run.ts';

/** A process keeping ~30 MB live while allocating ~1 GB of garbage; prints the most heap it used, in MiB. */
const ALLOCATE = `
const v8 = require('node:v8');
if (process.argv[1]) v8.setFlagsFromString(process.argv[1]);
const live = Array.from({ length: 300000 }, (_, i) => ({ i, s: 'live ' + i }));
let peak = 0;
for (let round = 0; round < 60; round++) {
  const garbage = Array.from({ length: 100000 }, (_, i) => ({ i, s: 'garbage ' + round + ' ' + i }));
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (garbage.length === 0 || live.length === 0) throw new Error('unreachable');
}
console.log(Math.round(peak / 2 ** 20));`;

const peakHeapMb = (flag: string | null) =>
  Number(execFileSync(process.execPath, ['-e', ALLOCATE, ...(flag ? [flag] : [])], { encoding: 'utf8' }).trim());

describe('jobbench run: heap growth of a small run', function () {
  this.timeout(60_000);

  it('bounds the growth for a run up to npm start’s size, leaves larger runs and a flag given to node alone', () => {
    assert.equal(heapGrowthFlag(DEFAULT_WORKLOAD.scale, []), '--heap-growing-percent=20');
    assert.equal(heapGrowthFlag(20, ['--enable-source-maps']), '--heap-growing-percent=20');
    assert.equal(heapGrowthFlag(DEFAULT_WORKLOAD.scale + 1, []), null);
    assert.equal(heapGrowthFlag(20, ['--heap-growing-percent=50']), null);
    assert.equal(heapGrowthFlag(20, ['--heap_growing_percent=50']), null);
  });

  it('set after start, the flag keeps the heap near what stays live (V8 reads it at every collection)', () => {
    const bounded = peakHeapMb(heapGrowthFlag(DEFAULT_WORKLOAD.scale, []));
    const unbounded = peakHeapMb(null);
    assert.ok(bounded < unbounded * 0.7, `bounded ${bounded} MiB, V8's default ${unbounded} MiB`);
  });
});
