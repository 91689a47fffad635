import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { needs } from '../test/support/needs.ts';

const BIN = fileURLToPath(new URL('../bin/jobbench.js', import.meta.url));

/** bin/jobbench.js in `cwd` with `env` over an environment free of the variables under test. */
function jobbench(cwd: string, args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(ADZUNA_|FRANCE_TRAVAIL_|JOBBENCH_LOCAL_)/.test(name)),
  );
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...base, ...env } }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe('bin/jobbench.js reads .env from the working directory', function () {
  this.timeout(60_000);
  let cwd: string;
  before(function () {
    needs(this, 'whole-runs');
  });
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-env-file-'));
  });
  afterEach(async () => rm(cwd, { recursive: true, force: true }));

  it('takes the settings it holds', async () => {
    await writeFile(path.join(cwd, '.env'), '# Adzuna\nADZUNA_APP_ID=id-from-dotenv\n');
    const { code, stderr } = await jobbench(cwd, ['collect', '--sources', 'adzuna']);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /ADZUNA_APP_KEY/);
    assert.doesNotMatch(stderr, /ADZUNA_APP_ID/);
  });

  it('lets the process environment win over it', async () => {
    await writeFile(path.join(cwd, '.env'), 'JOBBENCH_LOCAL_DATA_DIR=from-dotenv\n');
    const { code, stderr } = await jobbench(cwd, ['collect', '--scale', '10'], {
      JOBBENCH_LOCAL_DATA_DIR: path.join(cwd, 'from-env'),
    });
    assert.equal(code, 0, stderr);
    assert.ok(existsSync(path.join(cwd, 'from-env', 'lake', 'runs')));
    assert.ok(!existsSync(path.join(cwd, 'from-dotenv')));
  });

  it('runs without one', async () => {
    const { code, stderr } = await jobbench(cwd, ['collect', '--scale', '10']);
    assert.equal(code, 0, stderr);
  });
});
