import assert from 'node:assert/strict';
import { DEFAULT_WORKLOAD } from '../benchmarks/scenarios/scenario.ts';
import { RUNNER_SCALE, runnerArgs } from './job-commands.ts';

describe("the container jobs' commands", () => {
  it("run the benchmark's default workload in the region, as the AWS runner does, and publish it", () => {
    assert.equal(RUNNER_SCALE, DEFAULT_WORKLOAD.scale);
    for (const cloud of ['gcp', 'azure'] as const) {
      const args = runnerArgs(cloud);
      assert.deepEqual(args.slice(0, 3), ['run', '--provider', cloud]);
      assert.equal(args[args.indexOf('--sources') + 1], DEFAULT_WORKLOAD.sources.join(','));
      assert.equal(args[args.indexOf('--vantage') + 1], 'in-region');
      assert.ok(args.includes('--publish'));
      // No --seed and no scenario flag: the defaults, the same on every cloud.
      assert.ok(!args.some((a) => ['--seed', '--repetitions', '--ops', '--rate'].includes(a)));
    }
  });
});
