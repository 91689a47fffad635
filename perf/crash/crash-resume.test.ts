import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CRASH_BOUNDARIES } from '../../providers/layers/crash-hook.ts';
import { crashResumeCheck } from './crash-resume.ts';
import { needs } from '../../test/support/needs.ts';

// Real processes, real SIGKILL, the local provider on a temp data dir: a run killed at a
// stage boundary resumes to every posting in the warehouse exactly once.
describe('crash at a stage boundary, then --resume (local provider)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  before(function () {
    needs(this, 'whole-runs');
  });
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  for (const boundary of CRASH_BOUNDARIES) {
    it(`killed at ${boundary}: resumes with lost = 0 and duplicated = 0`, async function () {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-crash-'));
      dirs.push(dir);
      const outcome = await crashResumeCheck({ boundary, workDir: dir, scale: 120 });
      assert.equal(outcome.crashSignal, 'SIGKILL', `the first run was killed (exit ${outcome.crashExitCode})`);
      assert.equal(outcome.resumeExitCode, 0);
      assert.equal(outcome.resumed, true);
      assert.ok(outcome.expected > 0);
      assert.equal(outcome.lost, 0);
      assert.equal(outcome.duplicated, 0);
      assert.equal(outcome.warehouseRows, outcome.expected);
    });
  }
});
