import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { isProviderError } from '../core/index.ts';
import { S3ObjectStore } from '../aws/object-store.ts';
import { emulatorEnv, emulatorsReady } from '../../emulators/test-session.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { parseFaults } from './parse-faults.ts';
import { DEFAULT_RETRY_POLICY, RetryCounter, retryingStore } from './retrying.ts';

// A real S3 client (AWS SDK v3) against moto, through the proxy: what the SDK sees is
// what it would see from a flaky network.
describe('fault proxy between the S3 SDK and moto', function () {
  this.timeout(60_000);
  let proxy: FaultProxy | null = null;
  let target = '';
  let bucket = '';

  before(function () {
    if (!emulatorsReady()) this.skip();
    const env = emulatorEnv('aws');
    target = env.AWS_ENDPOINT_URL_S3 ?? '';
    bucket = env.JOBBENCH_AWS_BUCKET ?? 'jobbench-emulated';
    if (!target) this.skip();
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = null;
  });

  const client = (endpoint: string, requestTimeoutMs: number) =>
    new S3Client({
      region: 'eu-west-3',
      endpoint,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      requestHandler: new NodeHttpHandler({ requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true }),
    });

  async function storeThrough(faults: string, requestTimeoutMs = 10_000) {
    // The bucket is made directly, so every request through the proxy is the test's own.
    await new S3ObjectStore({ client: client(target, 10_000), bucket }).ensureBucket('eu-west-3');
    proxy = await startFaultProxy({ target, spec: parseFaults(faults), hangLimitMs: 5_000 });
    return new S3ObjectStore({
      client: client(proxy.url, requestTimeoutMs),
      bucket,
      keyPrefix: `test-proxy-${randomBytes(4).toString('hex')}/`,
    });
  }

  it('forwards untouched requests: a put then a get round-trip', async function () {
    const store = await storeThrough('seed=1');
    await store.put('a.json', '{"ok":true}');
    assert.equal(Buffer.from(await store.get('a.json')).toString(), '{"ok":true}');
    assert.ok(proxy!.stats.forwarded >= 2);
    assert.equal(proxy!.faultsInjected(), 0);
    await store.delete('a.json');
  });

  it('a connection reset reaches the SDK as a retryable error carrying ECONNRESET', async function () {
    const store = await storeThrough('reset=1');
    await assert.rejects(store.put('b.json', 'x'), (e: unknown) => {
      assert.ok(isProviderError(e), String(e));
      // The SDK (smithy node-http-handler) names a reset socket `TimeoutError` with
      // code ECONNRESET, so the provider's mapping may say timeout or connection.
      assert.ok(['connection', 'timeout'].includes(e.code), e.code);
      assert.equal((e.cause as { code?: string }).code, 'ECONNRESET');
      assert.equal(e.retryable, true);
      return true;
    });
    assert.ok(proxy!.stats.reset >= 1);
  });

  it('a 503 with Retry-After maps to a retryable error', async function () {
    const store = await storeThrough('http503=1,retry-after=2s');
    await assert.rejects(
      store.get('c.json'),
      (e: unknown) => isProviderError(e) && e.retryable && (e.code === 'unavailable' || e.code === 'throttled'),
    );
    assert.ok(proxy!.stats.http503 >= 1);
  });

  it('a hung request ends as a retryable timeout on the client side', async function () {
    const store = await storeThrough('hang=1', 500);
    await assert.rejects(
      store.put('d.json', 'x'),
      (e: unknown) => isProviderError(e) && e.retryable && ['timeout', 'connection'].includes(e.code),
    );
    assert.equal(proxy!.stats.hang, 1);
  });

  it('added latency is observed by the client', async function () {
    const store = await storeThrough('latency=150ms');
    const started = performance.now();
    await store.put('e.json', 'x');
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 150, `took ${elapsed} ms`);
    assert.equal(proxy!.stats.delayed, 1);
    await store.delete('e.json');
  });

  it('the retrying wrapper gets through seeded intermittent 503s and counts its retries', async function () {
    const store = await storeThrough('http503=0.5,seed=7');
    const counter = new RetryCounter();
    const retrying = retryingStore(store, counter, {
      ...DEFAULT_RETRY_POLICY,
      retries: 8,
      minTimeoutMs: 1,
      maxTimeoutMs: 5,
      randomize: false,
    });
    for (let i = 0; i < 6; i++) await retrying.put(`f/${i}.json`, 'x');
    const injected = proxy!.stats.http503;
    assert.ok(injected > 0, 'the seed injects at least one 503');
    assert.equal(counter.total, injected, 'every injected 503 cost exactly one retry');
    for (let i = 0; i < 6; i++) await retrying.delete(`f/${i}.json`);
  });

  it('refuses a non-loopback upstream', async function () {
    await assert.rejects(
      startFaultProxy({ target: 'https://s3.eu-west-3.amazonaws.com', spec: parseFaults('') }),
      /loopback/,
    );
  });
});
