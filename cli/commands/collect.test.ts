import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { main } from '../main.ts';
import { captureIo } from '../test-support/capture-io.ts';

describe('jobbench collect', function () {
  this.timeout(60_000);
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-collect-cli-'));
  });
  afterEach(async () => rm(cwd, { recursive: true, force: true }));

  it('collects into the local lake and names the command that continues the run', async () => {
    const io = captureIo(cwd);
    assert.equal(await main(['collect', '--scale', '40', '--json'], io), 0, io.err);
    const summary = JSON.parse(io.out) as { runId: string; provider: string; pages: number };
    assert.equal(summary.provider, 'local');
    assert.ok(summary.pages > 0);
    const lake = path.join(cwd, '.jobbench', 'lake');
    assert.deepEqual((await readdir(lake)).filter((name) => !name.startsWith('.')).sort(), ['raw', 'runs']);
    assert.deepEqual(await readdir(path.join(lake, 'runs')), [summary.runId]);
  });

  it('refuses a secret id on GCP, whose job gets the keys as environment variables, with exit 2 before writing anything', async () => {
    const io = captureIo(cwd, { JOBBENCH_SOURCE_SECRET_ID: 'jobbench/source-api-keys' });
    assert.equal(await main(['collect', '--provider', 'gcp', '--sources', 'adzuna'], io), 2);
    assert.match(
      io.err,
      /--secret-id: the gcp jobs receive the source keys as environment variables from Secret Manager, not by secret id/,
    );
    assert.deepEqual(await readdir(cwd), []);
  });

  it('collects into the Azure lake with no database setting: the collector opens Blob Storage alone', async function () {
    needs(this, 'emulators');
    const env = { ...emulatorEnv('azure'), JOBBENCH_AZURE_DATABASE_URL: undefined, PGHOST: undefined };
    const io = captureIo(cwd, env);
    assert.equal(await main(['collect', '--provider', 'azure', '--scale', '20', '--json'], io), 0, io.err);
    const summary = JSON.parse(io.out) as { provider: string; pages: number };
    assert.equal(summary.provider, 'azure');
    assert.ok(summary.pages > 0);
  });

  it('names a missing source key with exit 2', async () => {
    const io = captureIo(cwd);
    assert.equal(await main(['collect', '--sources', 'adzuna'], io), 2);
    assert.match(io.err, /ADZUNA_APP_ID/);
    assert.deepEqual(await readdir(cwd), []);
  });
});
