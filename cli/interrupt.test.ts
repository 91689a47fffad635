/**
 * Ctrl-C during `jobbench run`: the real command in a child process, SIGINT once its run
 * has a manifest in the lake. It exits 130 saying what it kept and how to resume, and the
 * command it prints does resume the run.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResults } from '../results/validate.ts';
import type { Io } from './io.ts';
import { main } from './main.ts';
import { needs } from '../test/support/needs.ts';

const BIN = fileURLToPath(new URL('../bin/jobbench.js', import.meta.url));

async function firstRunId(runsDir: string, deadline: number): Promise<string> {
  for (;;) {
    const ids = await readdir(runsDir).catch(() => [] as string[]);
    for (const id of ids) {
      if (
        await access(path.join(runsDir, id, 'manifest.json')).then(
          () => true,
          () => false,
        )
      )
        return id;
    }
    if (Date.now() > deadline) throw new Error('the run wrote no manifest in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('jobbench run: Ctrl-C', function () {
  this.timeout(180_000);
  let cwd: string;
  before(async function () {
    needs(this, 'whole-runs');
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-interrupt-'));
  });
  after(async () => {
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it('exits 130 with what was kept and the resume command, which then finishes the run', async function () {
    const argv = [
      'run',
      '--provider',
      'local',
      '--scale',
      '3000',
      '--seed',
      '9',
      '--no-scenarios',
      '--transform-workers',
      '0',
      '--data-dir',
      'data',
    ];
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );

    const runId = await firstRunId(path.join(cwd, 'data', 'lake', 'runs'), Date.now() + 60_000);
    child.kill('SIGINT');
    const { code, signal } = await exited;

    assert.deepEqual({ code, signal }, { code: 130, signal: null }, stderr);
    assert.match(
      stderr,
      new RegExp(
        `^jobbench: interrupted \\(SIGINT\\): run ${runId} keeps in its lake what it stored so far \\(local: .*\\); no results file was written$`,
        'm',
      ),
    );
    const resume = new RegExp(`^jobbench: resume with: (jobbench run .* --resume ${runId})$`, 'm').exec(stderr);
    assert.ok(resume, stderr);
    assert.equal(resume[1], `jobbench run --provider local --scale 3000 --seed 9 --data-dir data --resume ${runId}`);
    await assert.rejects(access(path.join(cwd, 'results', 'latest.json')), 'no results yet');

    // The printed command, as a user would paste it (less the options that change no data).
    const io: Io & { err: string } = {
      err: '',
      stdout: () => {},
      stderr: (s) => void (io.err += s),
      isTTY: false,
      env: {},
      cwd,
    };
    const pasted = resume[1]!.split(' ').slice(1);
    assert.equal(await main([...pasted, '--no-scenarios', '--transform-workers', '0'], io), 0, io.err);
    const results = validateResults(JSON.parse(await readFile(path.join(cwd, 'results', 'latest.json'), 'utf8')));
    assert.equal(results.runId, runId);
    assert.equal(results.providers[0]!.pipeline!.resumed, true);
    assert.equal(results.providers[0]!.reliability!.lost, 0);
  });
});
