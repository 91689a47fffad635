import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listAll, type ObjectStore, type Warehouse } from '../providers/core/index.ts';
import { FsObjectStore } from '../providers/local/fs-object-store.ts';
import { openPglite } from '../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../providers/postgres/postgres-warehouse.ts';
import type { SqlClient } from '../providers/postgres/sql-client.ts';
import { verifyLoad } from './stages/verify/verify-load.ts';
import { CrashAfterWrites } from '../test/support/faulty-store.ts';
import { cleanPrefix, manifestKey, quarantinePrefix } from './lake/lake-layout.ts';
import { readManifest } from './lake/run-manifest.ts';
import { PipelineError, runPipeline, type PipelineOptions } from './run-pipeline.ts';
import { createSampleSource } from './sources/sample/index.ts';
import { emptyStats, type Source } from './sources/source.ts';
import { needs } from '../test/support/needs.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const SCALE = 400;

describe('runPipeline on the local lake and warehouse', function () {
  this.timeout(120_000);
  let dir: string;
  let store: FsObjectStore;
  let warehouse: Warehouse;
  let client: SqlClient;

  before(function () {
    needs(this, 'whole-runs');
  });
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-pipeline-'));
    store = new FsObjectStore(path.join(dir, 'lake'));
    client = await openPglite(path.join(dir, 'wh'));
    warehouse = new PostgresWarehouse({ provider: 'local', client, schema: 'jobbench', batchSize: 150 });
  });
  afterEach(async function () {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  function options(overrides: Partial<PipelineOptions> = {}): PipelineOptions {
    return {
      store,
      warehouse,
      sources: [createSampleSource({ scale: SCALE, seed: 7, now: () => NOW })],
      workload: { sources: ['sample'], scale: SCALE, seed: 7 },
      env: {},
      now: () => NOW,
      chunkBytes: 64 * 1024, // several chunks even at this small scale
      ...overrides,
    };
  }

  async function factRows(): Promise<number> {
    return Number((await warehouse.query('posting_count'))[0]?.postings);
  }

  it('lands raw pages verbatim with checksummed metadata, cleans, quarantines and loads', async function () {
    const info = await runPipeline(options());
    const m = info.manifest;
    assert.equal(m.status, 'done');
    const raw = await listAll(store, 'raw/source=sample/');
    const bodies = raw.filter((o) => !o.key.endsWith('.meta.json'));
    assert.ok(bodies.length > 0);
    assert.equal(raw.length, bodies.length * 2, 'one .meta.json per page');
    for (const body of bodies.slice(0, 5)) {
      const meta = JSON.parse(
        Buffer.from(await store.get(body.key.replace(/\.(json|html)$/, '.meta.json'))).toString(),
      );
      assert.equal(
        meta.sha256,
        createHash('sha256')
          .update(await store.get(body.key))
          .digest('hex'),
      );
      assert.match(body.key, new RegExp(`^raw/source=sample/dt=2026-11-28/run=${info.runId}/\\d+\\.(json|html)$`));
    }
    const t = m.stages.transform;
    assert.ok(t.postings > SCALE * 0.8, `${t.postings} postings from scale ${SCALE}`);
    assert.ok(t.quarantined > 0, 'the sample source plants malformed records');
    assert.equal(t.extracted, t.postings + t.quarantined + t.duplicatesMerged);
    assert.ok((await listAll(store, cleanPrefix('2026-11-28', info.runId))).length > 0);
    const quarantine = await listAll(store, quarantinePrefix(info.runId));
    const line = Buffer.from(await store.get(quarantine[0]!.key))
      .toString()
      .split('\n')[0]!;
    const entry = JSON.parse(line);
    assert.ok(entry.reason.length > 0 && entry.rawKey.startsWith('raw/'), line);
    assert.equal(info.load?.received, t.postings);
    assert.equal(info.load?.checksum, t.checksum, 'the warehouse received exactly what clean/ holds');
    assert.equal(await factRows(), info.verification.expected);
    assert.deepEqual(
      { lost: info.verification.lost, duplicated: info.verification.duplicated },
      { lost: 0, duplicated: 0 },
    );
    assert.ok(await store.head(manifestKey(info.runId)));
  });

  it('verify counts a posting missing from the warehouse and one stored with other content as lost', async function () {
    const info = await runPipeline(options());
    const [gone, altered] = (
      await client.query<{ posting_id: string }>(
        'SELECT posting_id FROM jobbench.fact_posting ORDER BY posting_id LIMIT 2',
      )
    ).rows;
    await client.query('DELETE FROM jobbench.fact_posting WHERE posting_id = $1', [gone!.posting_id]);
    await client.query(`UPDATE jobbench.fact_posting SET content_hash = 'x' WHERE posting_id = $1`, [
      altered!.posting_id,
    ]);
    const verification = await verifyLoad(store, warehouse, info.manifest);
    assert.deepEqual(verification, {
      expected: info.verification.expected,
      found: info.verification.expected - 2,
      lost: 2,
      duplicated: 0,
    });
    // Asked in many small batches (as a large run is), the answer is the same.
    assert.ok(info.verification.expected > 7 * 10);
    assert.deepEqual(await verifyLoad(store, warehouse, info.manifest, 7), verification);
  });

  it('a second run of the same workload leaves the warehouse row count unchanged', async function () {
    await runPipeline(options());
    const first = await factRows();
    const second = await runPipeline(options());
    assert.equal(await factRows(), first);
    assert.equal(second.load?.inserted, 0);
  });

  for (const [stage, prefix, writes] of [
    ['extract', 'raw/', 7],
    ['transform', 'clean/', 2],
  ] as const) {
    it(`resumes a run that crashed during ${stage} and ends with the same warehouse`, async function () {
      const crashing = new CrashAfterWrites(store, writes, prefix);
      const crashed = await runPipeline(options({ store: crashing as ObjectStore })).then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(crashed instanceof PipelineError, String(crashed));
      assert.equal(crashed.stage, stage);
      if (stage === 'transform') {
        const m = await readManifest(store, crashed.runId);
        assert.ok((m?.stages.transform.chunks ?? 0) > 2, 'the crash came mid-stage');
        assert.equal(m?.stages.transform.chunksDone.length, 2);
      }
      assert.match(crashed.message, /jobbench run --resume/);
      const resumed = await runPipeline(options({ resumeRunId: crashed.runId }));
      assert.equal(resumed.resumed, true);
      assert.equal(resumed.manifest.attempts, 2);
      assert.equal(resumed.verification.lost, 0);
      const rows = await factRows();
      // The same workload run uninterrupted on a fresh warehouse gives the same rows.
      const reference = new PostgresWarehouse({
        provider: 'local',
        client: await openPglite('memory://'),
        schema: 'jobbench',
      });
      try {
        const fresh = await runPipeline(
          options({ store: new FsObjectStore(path.join(dir, 'lake2')), warehouse: reference }),
        );
        assert.equal(rows, fresh.verification.expected);
        assert.equal(resumed.manifest.stages.transform.checksum, fresh.manifest.stages.transform.checksum);
      } finally {
        await reference.close();
      }
    });
  }

  it('keeps the pages of a source that fails mid-run and still processes the others', async function () {
    const sample = createSampleSource({ scale: 100, seed: 3, now: () => NOW });
    const broken: Source = {
      name: 'broken',
      requiredEnv: [],
      stats: emptyStats,
      async *pages(context) {
        let n = 0;
        for await (const page of sample.pages(context)) {
          if (n++ === 2) throw new Error('upstream went away');
          yield page;
        }
      },
    };
    const info = await runPipeline(
      options({
        sources: [broken, createSampleSource({ scale: 100, seed: 4, now: () => NOW })],
        workload: { sources: ['broken', 'sample'], scale: 100, seed: 3 },
      }),
    );
    const sources = info.manifest.stages.extract.sources;
    assert.equal(sources.broken?.status, 'failed');
    assert.match(sources.broken?.error ?? '', /upstream went away/);
    assert.equal(sources.broken?.pages, 2);
    assert.equal(sources.sample?.status, 'done');
    assert.equal((await listAll(store, 'raw/source=broken/')).length, 4, 'two pages and their metadata kept');
    assert.ok((await factRows()) > 0);
  });

  it('dedupes across chunks: the clean postings do not depend on how raw pages were chunked', async function () {
    const small = await runPipeline(options());
    const other = new PostgresWarehouse({
      provider: 'local',
      client: await openPglite('memory://'),
      schema: 'jobbench',
    });
    try {
      const whole = await runPipeline(
        options({
          store: new FsObjectStore(path.join(dir, 'lake-whole')),
          warehouse: other,
          chunkBytes: 64 * 1024 * 1024,
        }),
      );
      const a = small.manifest.stages.transform;
      const b = whole.manifest.stages.transform;
      assert.ok((a.chunks ?? 0) > 2 && b.chunks === 1, `${a.chunks} vs ${b.chunks} chunks`);
      assert.ok(b.duplicatesMerged > 0, 'the sample source publishes some jobs on two sources');
      assert.deepEqual(
        { postings: a.postings, merged: a.duplicatesMerged, checksum: a.checksum },
        { postings: b.postings, merged: b.duplicatesMerged, checksum: b.checksum },
      );
    } finally {
      await other.close();
    }
  });

  it('refuses to resume a run the lake does not know', async function () {
    await assert.rejects(
      runPipeline(options({ resumeRunId: '20260101T000000Z-000000' })),
      /no run 20260101T000000Z-000000/,
    );
  });
});
