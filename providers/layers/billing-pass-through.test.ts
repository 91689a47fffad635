/**
 * Every layer must carry the warehouse's optional `billing` through: present and answering
 * the inner warehouse's figures when the inner one implements it (BigQuery, here on a local
 * server replaying documented job resources), absent when it does not (PostgreSQL on PGlite).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crashHookLayer } from './crash-hook.ts';
import type { Provider } from '../core/index.ts';
import { makeBigQuery } from '../gcp/bigquery-client.ts';
import { BigQueryWarehouse } from '../gcp/bigquery-warehouse.ts';
import { GCP_CAPABILITIES } from '../gcp/capabilities.ts';
import { readGcpConfig } from '../gcp/config.ts';
import { FsObjectStore } from '../local/fs-object-store.ts';
import { localProvider } from '../local/index.ts';
import { startBigQueryReplay, type BigQueryReplay } from '../testing/bigquery-replay-server.ts';
import { chaosLayer } from './chaos.ts';
import { applyLayers, type Layer } from './layer.ts';
import { meteredLayer } from './metered.ts';
import { OperationLog } from './operation-log.ts';
import { NO_FAULTS } from './parse-faults.ts';
import { RetryCounter, retryingLayer } from './retrying.ts';
import { timeoutLayer } from './timeout.ts';

const STACKS: Array<[string, (p: Provider) => Layer[]]> = [
  ['metered', () => [meteredLayer(new OperationLog())]],
  ['retrying', () => [retryingLayer(new RetryCounter())]],
  ['chaos', (p) => [chaosLayer(p.name, { spec: NO_FAULTS })]],
  ['timeout', (p) => [timeoutLayer(p.name)]],
  ['crash hook (load-commit)', () => [crashHookLayer('load-commit', () => assert.fail('no load here'))]],
  ['crash hook (extract)', () => [crashHookLayer('extract', () => assert.fail('no extract here'))]],
  [
    'all, as a benchmark run stacks them',
    (p) => [
      meteredLayer(new OperationLog()),
      retryingLayer(new RetryCounter()),
      chaosLayer(p.name, { spec: NO_FAULTS }),
      crashHookLayer('load-commit', () => undefined),
      timeoutLayer(p.name),
    ],
  ],
];
const WRAPPERS = STACKS.map(([name, layers]) => [name, (p: Provider) => applyLayers(p, layers(p))] as const);

describe('Warehouse.billing through the layers', function () {
  this.timeout(60_000);
  let dir: string;
  let replay: BigQueryReplay;
  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-billing-'));
    replay = await startBigQueryReplay({
      queryStatistics: () => ({
        totalBytesProcessed: '2048',
        query: { statementType: 'SELECT', totalBytesProcessed: '2048', totalBytesBilled: '10485760', cacheHit: false },
      }),
      loadStatistics: () => ({}),
    });
  });
  after(async function () {
    await replay?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function bigQueryProvider(): { provider: Provider; inner: BigQueryWarehouse } {
    const config = readGcpConfig({
      JOBBENCH_GCP_PROJECT: 'replay-project',
      JOBBENCH_GCP_BUCKET: 'unused',
      JOBBENCH_GCP_BIGQUERY_API_ENDPOINT: replay.endpoint,
    });
    const inner = new BigQueryWarehouse({ bigquery: makeBigQuery(config), config, dataset: 'replayed' });
    const provider: Provider = {
      name: 'gcp',
      region: config.location,
      emulated: true,
      endpointFingerprint: 'replay',
      capabilities: GCP_CAPABILITIES,
      store: new FsObjectStore(dir),
      warehouse: inner,
      prices: null,
      close: () => inner.close(),
    };
    return { provider, inner };
  }

  for (const [name, wrap] of WRAPPERS) {
    it(`${name}: keeps billing and answers the inner warehouse's figures`, async function () {
      const { provider, inner } = bigQueryProvider();
      const wrapped = wrap(provider).warehouse;
      assert.equal(typeof wrapped.billing, 'function');
      await wrapped.query('posting_count');
      await wrapped.fingerprints(['a']);
      const billing = await wrapped.billing!();
      assert.equal(billing.queryJobs, 2);
      assert.equal(billing.bytesBilled, 2 * 10485760);
      assert.deepEqual(billing, await inner.billing());
    });
  }

  it('leaves billing absent on a warehouse without it (PGlite)', async function () {
    const local = await localProvider.create({ dataDir: path.join(dir, 'local') });
    try {
      assert.equal(local.warehouse.billing, undefined);
      for (const [name, wrap] of WRAPPERS) assert.equal('billing' in wrap(local).warehouse, false, name);
    } finally {
      await local.close();
    }
  });
});
