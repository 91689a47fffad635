import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProviderError, type Provider } from '../core/index.ts';
import { localProvider } from '../local/index.ts';
import { RetryCounter, retryingCreate } from './retrying.ts';

const FAST = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 5, factor: 2, randomize: false };

describe('retryingCreate: opening a provider meets transient faults like any operation', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-create-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('retries a retryable failure of the first request (a hung bucket check) and counts it', async () => {
    let attempts = 0;
    const counter = new RetryCounter();
    const provider: Provider = await retryingCreate(
      async () => {
        attempts++;
        if (attempts === 1)
          throw ProviderError.because(
            'aws',
            'store.create-bucket',
            'timeout',
            'no answer within 300 ms (JOBBENCH_TIMEOUT_STORE_HEAD)',
          );
        return localProvider.create({ env: {}, dataDir: dir });
      },
      counter,
      FAST,
    );
    try {
      assert.equal(attempts, 2);
      assert.equal(counter.byOperation.get('provider.create'), 1);
      assert.equal(counter.timedOutByOperation.get('provider.create'), 1);
    } finally {
      await provider.close();
    }
  });

  it('does not retry a configuration error, and counts the failure', async () => {
    let attempts = 0;
    const counter = new RetryCounter();
    await assert.rejects(
      retryingCreate(
        async () => {
          attempts++;
          throw ProviderError.because('aws', 'config', 'invalid-config', 'missing setting: JOBBENCH_AWS_BUCKET');
        },
        counter,
        FAST,
      ),
      /JOBBENCH_AWS_BUCKET/,
    );
    assert.equal(attempts, 1);
    assert.equal(counter.failedByOperation.get('provider.create'), 1);
  });
});
