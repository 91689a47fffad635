/**
 * `emulated` comes from JOBBENCH_GCP_EMULATED, which `jobbench emulators env` sets, never
 * from a loopback endpoint alone (a tunnel or proxy to the real service listens there too).
 */
import assert from 'node:assert/strict';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { gcpProvider } from './index.ts';

describe('gcp settings', function () {
  it('does not call loopback endpoints emulated without JOBBENCH_GCP_EMULATED=true', async function () {
    const env = {
      JOBBENCH_GCP_PROJECT: 'p',
      JOBBENCH_GCP_BUCKET: 'lake',
      JOBBENCH_GCP_STORAGE_ENDPOINT: 'http://127.0.0.1:9',
      JOBBENCH_GCP_BIGQUERY_API_ENDPOINT: 'http://127.0.0.1:9',
    };
    for (const flag of [undefined, 'false']) {
      // Not emulated: the bucket is the stack's, so nothing is created and nothing connects.
      const provider = await gcpProvider.create({ env: { ...env, ...(flag ? { JOBBENCH_GCP_EMULATED: flag } : {}) } });
      try {
        assert.equal(provider.emulated, false, `JOBBENCH_GCP_EMULATED=${flag}`);
      } finally {
        await provider.close();
      }
    }
    await assert.rejects(gcpProvider.create({ env: { ...env, JOBBENCH_GCP_EMULATED: 'on' } }), /must be true or false/);
  });

  it('calls the emulators emulated because their environment says so', async function () {
    needs(this, 'emulators');
    const env = emulatorEnv('gcp');
    assert.equal(env.JOBBENCH_GCP_EMULATED, 'true');
    const provider = await gcpProvider.create({ env });
    try {
      assert.equal(provider.emulated, true);
    } finally {
      await provider.close();
    }
  });
});
