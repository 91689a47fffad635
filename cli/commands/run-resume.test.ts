/**
 * `jobbench run --resume` against a finished run: a mistyped id, a damaged manifest and a
 * resume that fails must never replace the results the finished run wrote.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../main.ts';
import { needs } from '../../test/support/needs.ts';
import { captureIo } from '../test-support/capture-io.ts';

/** A small local run: no scenarios, parsing on the main thread. */
const RUN = [
  'run',
  '--provider',
  'local',
  '--scale',
  '40',
  '--seed',
  '3',
  '--no-scenarios',
  '--transform-workers',
  '0',
];

describe('jobbench run --resume of a finished run', function () {
  this.timeout(180_000);
  let cwd: string;
  let runId: string;
  let finished: { latest: string; runFile: string; runs: string[] };

  /** The results directory, compared with the finished run's in one short line. */
  async function assertResultsUnchanged(): Promise<void> {
    const now = await resultsIn();
    assert.deepEqual(now.runs, finished.runs, 'a results file was added or removed');
    assert.ok(
      now.runFile === finished.runFile,
      `runs/${runId}.json was replaced (status now ${(JSON.parse(now.runFile) as { status: string }).status})`,
    );
    assert.ok(
      now.latest === finished.latest,
      `latest.json was replaced (status now ${(JSON.parse(now.latest) as { status: string }).status})`,
    );
  }

  /** What the results directory holds, byte for byte where it matters. */
  async function resultsIn(): Promise<{ latest: string; runFile: string; runs: string[] }> {
    const dir = path.join(cwd, 'results');
    return {
      latest: await readFile(path.join(dir, 'latest.json'), 'utf8'),
      runFile: await readFile(path.join(dir, 'runs', `${runId}.json`), 'utf8'),
      runs: (await readdir(path.join(dir, 'runs'))).sort(),
    };
  }

  before(async function () {
    needs(this, 'whole-runs');
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-resume-'));
    const io = captureIo(cwd);
    assert.equal(await main(RUN, io), 0, io.err);
    runId = (JSON.parse(await readFile(path.join(cwd, 'results', 'latest.json'), 'utf8')) as { runId: string }).runId;
    finished = await resultsIn();
    assert.equal((JSON.parse(finished.latest) as { status: string }).status, 'ok');
  });
  after(async () => {
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it('an unknown (mistyped) run id exits 2 with one line and writes no results', async function () {
    const mistyped = `${runId.slice(0, -1)}${runId.endsWith('0') ? '1' : '0'}`;
    const io = captureIo(cwd);
    assert.equal(await main([...RUN, '--resume', mistyped], io), 2, io.err);
    const lines = io.err.trimEnd().split('\n');
    assert.equal(lines.length, 1, io.err);
    assert.match(lines[0]!, new RegExp(`^jobbench: .*no run ${mistyped} in the lake`));
    assert.equal(io.out, '');
    await assertResultsUnchanged();
  });

  it("a failed resume of a finished run keeps the finished run's results (run file and latest.json)", async function () {
    const io = captureIo(cwd);
    // Every lake and warehouse operation refused, as with revoked credentials.
    assert.equal(await main([...RUN, '--resume', runId, '--faults', 'forbidden=1'], io), 1, io.err);
    await assertResultsUnchanged();
    assert.match(io.err, new RegExp(`results of run ${runId} .*ok.* are kept`));
  });

  it('a damaged manifest exits 1 with a clear line that does not advise resuming the same id', async function () {
    const manifest = path.join(cwd, '.jobbench', 'lake', 'runs', runId, 'manifest.json');
    const good = await readFile(manifest);
    await writeFile(manifest, good.subarray(0, Math.floor(good.length / 2)));
    try {
      const io = captureIo(cwd);
      assert.equal(await main([...RUN, '--resume', runId], io), 1, io.err);
      assert.match(io.err, new RegExp(`manifest of run ${runId} .*is damaged`));
      assert.match(io.err, /cannot be resumed/);
      assert.doesNotMatch(io.err, new RegExp(`--resume ${runId}`));
      await assertResultsUnchanged();
    } finally {
      await writeFile(manifest, good);
    }
  });
});
