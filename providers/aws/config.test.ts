/**
 * AWS settings as a user meets them: a missing database is a configuration error naming the
 * setting (exit 2), never the emulator's database; `emulated` comes from JOBBENCH_AWS_EMULATED,
 * which `jobbench emulators env` sets, never from a loopback address (an SSM tunnel to RDS
 * listens on 127.0.0.1).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isProviderError } from '../core/index.ts';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { readAwsConfig } from './config.ts';
import { awsProvider } from './index.ts';

/** Loopback endpoints nothing listens on: creating the provider opens no connection. */
const LOOPBACK = {
  JOBBENCH_AWS_BUCKET: 'lake',
  JOBBENCH_AWS_S3_ENDPOINT: 'http://127.0.0.1:9',
  JOBBENCH_AWS_DATABASE_URL: 'postgres://jobbench@127.0.0.1:9/jobbench',
};

describe('aws settings', function () {
  it('refuses a run with no database setting, naming it, instead of using the emulator database', function () {
    assert.throws(
      () => awsProvider.checkConfig({ env: { JOBBENCH_AWS_BUCKET: 'lake' } }),
      (error: unknown) =>
        isProviderError(error) && error.code === 'invalid-config' && /JOBBENCH_AWS_DATABASE_URL/.test(error.message),
    );
    assert.doesNotThrow(() => awsProvider.checkConfig({ env: { JOBBENCH_AWS_BUCKET: 'lake', PGHOST: 'db.example' } }));
  });

  it('does not call loopback endpoints emulated without JOBBENCH_AWS_EMULATED=true', async function () {
    for (const env of [LOOPBACK, { ...LOOPBACK, JOBBENCH_AWS_EMULATED: 'false' }]) {
      // Not emulated: the bucket is the stack's, so nothing is created and nothing connects.
      const provider = await awsProvider.create({ env });
      try {
        assert.equal(provider.emulated, false, JSON.stringify(env));
      } finally {
        await provider.close();
      }
    }
  });

  it('calls the emulators emulated because their environment says so', async function () {
    needs(this, 'emulators');
    const env = emulatorEnv('aws');
    assert.equal(env.JOBBENCH_AWS_EMULATED, 'true');
    for (const [flag, expected] of [
      ['true', true],
      ['false', false],
    ] as const) {
      const provider = await awsProvider.create({ env: { ...env, JOBBENCH_AWS_EMULATED: flag } });
      try {
        assert.equal(provider.emulated, expected, `JOBBENCH_AWS_EMULATED=${flag}`);
      } finally {
        await provider.close();
      }
    }
  });

  it('accepts only true or false for its switches', function () {
    assert.throws(() => readAwsConfig({ ...LOOPBACK, JOBBENCH_AWS_EMULATED: 'yes' }), /JOBBENCH_AWS_EMULATED must be/);
    assert.throws(
      () => readAwsConfig({ ...LOOPBACK, JOBBENCH_AWS_PG_IAM_AUTH: '1' }),
      /JOBBENCH_AWS_PG_IAM_AUTH must be/,
    );
    assert.equal(readAwsConfig({ ...LOOPBACK, JOBBENCH_AWS_PG_IAM_AUTH: 'true' }).pgIamAuth, true);
  });

  it('jobbench run --provider aws exits 2 naming the missing database setting, in an otherwise empty environment', async function () {
    needs(this, 'whole-runs');
    this.timeout(60_000);
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-aws-settings-'));
    try {
      const child = await promisify(execFile)(
        process.execPath,
        [path.join(PROJECT_ROOT, 'bin', 'jobbench.js'), 'run', '--provider', 'aws'],
        { cwd, env: { PATH: process.env.PATH, JOBBENCH_FROM_SOURCE: '1', JOBBENCH_AWS_BUCKET: 'lake' } },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(child.code, 2, child.stderr);
      assert.match(child.stderr, /^jobbench: aws config failed: missing setting: set JOBBENCH_AWS_DATABASE_URL/);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
