import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { emulatorEnvironment } from './definitions.ts';
import { formatExports, runningEmulatorEnv } from './manager.ts';
import { freePort } from './processes.ts';
import { emulatorsReady } from './test-session.ts';
import { needs } from '../test/support/needs.ts';

describe('emulators', function () {
  before(function () {
    needs(this, 'emulators');
  });
  it('are all running and answering during the test run', async function () {
    assert.ok(emulatorsReady(), 'the root hooks started them');
    const { running, env } = await runningEmulatorEnv();
    assert.deepEqual([...running].sort(), ['azurite', 'bigquery', 'gcs', 'moto']);
    for (const name of ['AWS_ENDPOINT_URL_S3', 'STORAGE_EMULATOR_HOST', 'JOBBENCH_GCP_BIGQUERY_API_ENDPOINT']) {
      assert.match(env[name] ?? '', /^http:\/\/127\.0\.0\.1:\d+$/, name);
    }
    assert.match(
      env.AZURE_STORAGE_CONNECTION_STRING ?? '',
      /BlobEndpoint=http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1;/,
    );
  });

  it('names only loopback endpoints and per-provider databases', function () {
    const env = emulatorEnvironment(
      { moto: 1, gcs: 2, bigquery: 3, azurite: 4 },
      {
        aws: 'postgres://postgres@127.0.0.1:5432/jobbench_aws',
        azure: 'postgres://postgres@127.0.0.1:5432/jobbench_azure',
      },
    );
    for (const value of Object.values(env))
      assert.doesNotMatch(value, /localhost|0\.0\.0\.0|amazonaws|googleapis|windows\.net/);
    assert.notEqual(env.JOBBENCH_AWS_DATABASE_URL, env.JOBBENCH_AZURE_DATABASE_URL);
  });

  it('prints export lines a POSIX shell reads back verbatim', function () {
    const tricky = { A_VALUE: "it's $HOME; `x`", B_VALUE: 'plain' };
    const script = `${formatExports(tricky)}\nprintf '%s|%s' "$A_VALUE" "$B_VALUE"`;
    assert.equal(execFileSync('sh', ['-c', script], { encoding: 'utf8' }), "it's $HOME; `x`|plain");
  });

  it('hands out free loopback ports', async function () {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    for (const port of ports) assert.ok(port > 0 && port < 65536);
  });
});
