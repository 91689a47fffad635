/**
 * `jobbench run` hands its action typed values, and the values it uses when an option is not
 * given are the benchmark's own defaults (benchmarks/scenarios/scenario.ts), not copies.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_SCENARIO_SETTINGS, DEFAULT_WORKLOAD } from '../../benchmarks/scenarios/scenario.ts';
import { processIo } from '../io.ts';
import { main } from '../main.ts';
import { captureIo } from '../test-support/capture-io.ts';
import { registerRun } from './run.command.ts';

/** The options commander parsed for `jobbench run …`, with the run itself replaced by nothing. */
async function runFlags(args: string[]): Promise<Record<string, unknown>> {
  const program = new Command('jobbench').exitOverride();
  registerRun(program, { io: processIo(), setExitCode: () => {} });
  const run = program.commands.find((command) => command.name() === 'run')!;
  run.action(() => {});
  await program.parseAsync(['run', ...args], { from: 'user' });
  return run.opts();
}

describe('jobbench run options', function () {
  it("defaults to the benchmark's workload and scenario settings, as numbers", async function () {
    const flags = await runFlags([]);
    const settings = DEFAULT_SCENARIO_SETTINGS;
    assert.deepEqual(flags.provider, ['local']);
    assert.deepEqual(flags.sources, [...DEFAULT_WORKLOAD.sources]);
    assert.equal(flags.scale, DEFAULT_WORKLOAD.scale);
    assert.equal(flags.seed, DEFAULT_WORKLOAD.seed);
    assert.equal(flags.repetitions, settings.repetitions);
    assert.equal(flags.concurrency, settings.concurrency);
    assert.equal(flags.rate, settings.targetRatePerSec);
    assert.equal(flags.ops, settings.operations);
    assert.equal(flags.warmup, settings.warmupOperations);
    assert.equal((flags.largeObjectMb as number) * 1024 * 1024, settings.largeObjectBytes);
    assert.equal(flags.scenarios, true);
    assert.equal(flags.pipelineReruns, true);
    assert.equal((await runFlags(['--no-pipeline-reruns'])).pipelineReruns, false);
    assert.equal(flags.reuseClean, true);
    assert.equal((await runFlags(['--no-reuse-clean'])).reuseClean, false);
  });

  it('parses each given value to its type as it reads the command line', async function () {
    const flags = await runFlags([
      '--provider',
      'all',
      '--sources',
      'adzuna,jsonld',
      '--scale',
      '300',
      '--seed',
      '-7',
      '--weights',
      'cost=2',
      '--large-object-mb',
      '0.5',
      '--no-scenarios',
      '--closed-loop',
      '--stack-outputs',
      'a.json,b.json',
    ]);
    assert.deepEqual(flags.provider, ['local', 'aws', 'gcp', 'azure']);
    assert.deepEqual(flags.sources, ['adzuna', 'jsonld']);
    assert.equal(flags.scale, 300);
    assert.equal(flags.seed, -7);
    assert.deepEqual(flags.weights, { cost: 2 });
    assert.equal(flags.largeObjectMb, 0.5);
    assert.equal(flags.scenarios, false);
    assert.equal(flags.closedLoop, true);
    assert.deepEqual(flags.stackOutputs, ['a.json', 'b.json']);
  });

  it('refuses a bad value with the sentence that names its option', async function () {
    await assert.rejects(runFlags(['--repetitions', '0']), /--repetitions must be at least 1/);
    await assert.rejects(runFlags(['--rate', 'fast']), /--rate must be a number > 0, got "fast"/);
    await assert.rejects(runFlags(['--vantage', 'space']), /--vantage.*space.*in-region, external/);
  });

  it('measures from outside the cloud unless told the run is in the region, and publishes only when asked', async function () {
    const flags = await runFlags([]);
    assert.equal(flags.vantage, 'external');
    assert.equal(flags.publish, undefined);
    const runner = await runFlags(['--provider', 'aws', '--vantage', 'in-region', '--publish']);
    assert.deepEqual([runner.vantage, runner.publish], ['in-region', true]);
  });

  it('refuses --publish or --vantage in-region with more than one provider, exit 2 before any work', async function () {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-run-publish-'));
    try {
      const io = captureIo(cwd);
      assert.equal(await main(['run', '--provider', 'local,aws', '--publish'], io), 2);
      assert.match(io.err, /--publish copies the results into one provider's lake: give one provider, not local,aws/);
      const inRegion = captureIo(cwd);
      assert.equal(await main(['run', '--provider', 'aws,gcp', '--vantage', 'in-region'], inRegion), 2);
      assert.match(inRegion.err, /--vantage in-region: one process runs beside one provider's services/);
      assert.deepEqual(await readdir(cwd), []);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
