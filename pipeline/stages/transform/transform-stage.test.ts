/**
 * The transform reads raw pages checked against the sha256 the extract recorded: a raw
 * page with flipped bytes, cut short, with a rewritten meta or gone fails the run loudly,
 * naming the page, and the resume fetches it again and ends with the postings of an
 * uncorrupted run.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { listAll, type ObjectStore, type Warehouse } from '../../../providers/core/index.ts';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { openPglite } from '../../../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../../../providers/postgres/postgres-warehouse.ts';
import { CrashAfterWrites } from '../../../test/support/faulty-store.ts';
import { cleanKey, quarantinePrefix, rawKey, rawMetaKey } from '../../lake/lake-layout.ts';
import { readManifest } from '../../lake/run-manifest.ts';
import { PipelineError, runPipeline, type PipelineInfo, type PipelineOptions } from '../../run-pipeline.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import { freshLocalLake } from '../../../test/support/local-lake.ts';
import { needs } from '../../../test/support/needs.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const SCALE = 300;
const DT = '2026-11-28';

describe('transform: raw pages checked against their recorded sha256', function () {
  this.timeout(180_000);
  let dir: string;
  let store: FsObjectStore;
  let warehouse: Warehouse;

  before(function () {
    needs(this, 'whole-runs');
  });
  const lake = freshLocalLake('raw', { batchSize: 100 });
  beforeEach(() => {
    ({ dir, store, warehouse } = lake);
  });

  function options(overrides: Partial<PipelineOptions> = {}): PipelineOptions {
    return {
      store,
      warehouse,
      sources: [createSampleSource({ scale: SCALE, seed: 5, now: () => NOW })],
      workload: { sources: ['sample'], scale: SCALE, seed: 5 },
      env: {},
      now: () => NOW,
      chunkBytes: 64 * 1024,
      transformWorkers: 0,
      ...overrides,
    };
  }

  const failure = (promise: Promise<PipelineInfo>) =>
    promise.then(
      () => assert.fail('the run should have failed'),
      (error: unknown) => error,
    );

  /** A run whose extract finished and whose transform "crashed" before writing anything. */
  async function extractedRun(): Promise<string> {
    const crashed = await failure(
      runPipeline(options({ store: new CrashAfterWrites(store, 0, 'clean/') as ObjectStore })),
    );
    assert.ok(crashed instanceof PipelineError && crashed.stage === 'transform', String(crashed));
    return crashed.runId;
  }

  /** The raw page of the sample source whose number is `n` (its body key, by listing). */
  async function bodyKey(runId: string, n: number): Promise<string> {
    const keys = (await listAll(store, rawKey('sample', DT, runId, n, '')))
      .map((o) => o.key)
      .filter((k) => !k.endsWith('.meta.json'));
    assert.equal(keys.length, 1, keys.join(', '));
    return keys[0]!;
  }

  const corruptions: {
    name: string;
    page: number;
    apply: (key: string, metaKey: string) => Promise<void>;
    names: 'body' | 'meta';
  }[] = [
    {
      name: 'bytes flipped inside a raw page',
      page: 3,
      apply: async (key) => {
        const bytes = Buffer.from(await store.get(key));
        for (const at of [Math.floor(bytes.length / 3), Math.floor(bytes.length / 2)]) bytes[at] = bytes[at]! ^ 0x01;
        await store.put(key, bytes);
      },
      names: 'body',
    },
    {
      name: 'a raw page cut short',
      page: 0,
      apply: async (key) => {
        const bytes = Buffer.from(await store.get(key));
        await store.put(key, bytes.subarray(0, bytes.length - 100));
      },
      names: 'body',
    },
    {
      name: 'a meta whose sha256 was rewritten',
      page: 5,
      apply: async (_key, metaKey) => {
        const meta = JSON.parse(Buffer.from(await store.get(metaKey)).toString('utf8')) as { sha256: string };
        meta.sha256 = '0'.repeat(64);
        await store.put(metaKey, JSON.stringify(meta));
      },
      names: 'body',
    },
    { name: 'a raw meta deleted', page: 2, apply: (_key, metaKey) => store.delete(metaKey), names: 'body' },
    { name: 'a raw body deleted', page: 4, apply: (key) => store.delete(key), names: 'meta' },
  ];

  for (const corruption of corruptions) {
    it(`fails loudly on ${corruption.name}, and the resume re-extracts it and transforms again`, async function () {
      const runId = await extractedRun();
      const key = await bodyKey(runId, corruption.page);
      const metaKey = rawMetaKey('sample', DT, runId, corruption.page);
      await corruption.apply(key, metaKey);

      const error = await failure(runPipeline(options({ resumeRunId: runId })));
      assert.ok(error instanceof PipelineError, String(error));
      assert.equal(error.stage, 'transform');
      assert.ok(error.message.includes(corruption.names === 'body' ? key : metaKey), error.message);
      assert.match(error.message, new RegExp(`source "sample" from page ${corruption.page}`));
      assert.match(error.message, new RegExp(`jobbench run --resume ${runId}`));
      const manifest = (await readManifest(store, runId))!;
      assert.equal(manifest.status, 'failed');
      assert.notEqual(manifest.stages.extract.sources.sample?.status, 'done');
      assert.equal(manifest.stages.extract.sources.sample?.pages, corruption.page);
      assert.deepEqual(manifest.stages.transform.chunksDone, []);
      assert.equal(await store.head(metaKey), null, 'the bad page left raw/');
      const kept = (await listAll(store, `${quarantinePrefix(runId)}corrupt/`)).map((o) => o.key);
      assert.ok(kept.length > 0, 'the bad page is kept for inspection');

      const repaired = await runPipeline(options({ resumeRunId: runId }));
      assert.equal(repaired.manifest.status, 'done');
      assert.deepEqual(
        { lost: repaired.verification.lost, duplicated: repaired.verification.duplicated },
        { lost: 0, duplicated: 0 },
      );
      // The same workload, never corrupted, gives the same postings.
      const reference = new PostgresWarehouse({
        provider: 'local',
        client: await openPglite('memory://'),
        schema: 'jobbench',
      });
      try {
        const fresh = await runPipeline(
          options({ store: new FsObjectStore(path.join(dir, 'lake-ref')), warehouse: reference }),
        );
        const [a, b] = [repaired.manifest.stages.transform, fresh.manifest.stages.transform];
        assert.deepEqual(
          {
            extracted: a.extracted,
            postings: a.postings,
            quarantined: a.quarantined,
            checksum: a.checksum,
            pages: repaired.manifest.stages.extract.sources.sample?.pages,
          },
          {
            extracted: b.extracted,
            postings: b.postings,
            quarantined: b.quarantined,
            checksum: b.checksum,
            pages: fresh.manifest.stages.extract.sources.sample?.pages,
          },
        );
      } finally {
        await reference.close();
      }
    });
  }

  it('makes every chunk again when one an earlier attempt wrote no longer holds what it recorded', async function () {
    const crashed = await failure(
      runPipeline(options({ store: new CrashAfterWrites(store, 2, 'clean/') as ObjectStore })),
    );
    assert.ok(crashed instanceof PipelineError && crashed.stage === 'transform', String(crashed));
    const before = (await readManifest(store, crashed.runId))!;
    assert.deepEqual([...before.stages.transform.chunksDone].sort(), [0, 1]);
    const key = cleanKey(before.dt, crashed.runId, 0);
    const lines = Buffer.from(await store.get(key))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    await store.put(key, `${lines.slice(0, -3).join('\n')}\n`);

    const warnings: string[] = [];
    const resumed = await runPipeline(
      options({ resumeRunId: crashed.runId, log: (event) => warnings.push(event.message) }),
    );
    assert.equal(resumed.manifest.status, 'done');
    assert.equal(resumed.verification.lost, 0);
    assert.ok(
      warnings.some((w) => w.includes(key) && /every chunk again/.test(w)),
      warnings.join('\n'),
    );
    const reference = new PostgresWarehouse({
      provider: 'local',
      client: await openPglite('memory://'),
      schema: 'jobbench',
    });
    try {
      const fresh = await runPipeline(
        options({ store: new FsObjectStore(path.join(dir, 'lake-ref')), warehouse: reference }),
      );
      const [a, b] = [resumed.manifest.stages.transform, fresh.manifest.stages.transform];
      assert.deepEqual(
        [a.extracted, a.postings, a.quarantined, a.duplicatesMerged, a.checksum],
        [b.extracted, b.postings, b.quarantined, b.duplicatesMerged, b.checksum],
      );
    } finally {
      await reference.close();
    }
  });

  it('names every bad page of the run at once', async function () {
    const runId = await extractedRun();
    const keys = [await bodyKey(runId, 1), await bodyKey(runId, 6)];
    for (const key of keys) {
      const bytes = Buffer.from(await store.get(key));
      bytes[10] = bytes[10]! ^ 0x02;
      await store.put(key, bytes);
    }
    const error = await failure(runPipeline(options({ resumeRunId: runId })));
    assert.ok(error instanceof PipelineError, String(error));
    for (const key of keys) assert.ok(error.message.includes(key), error.message);
    assert.match(error.message, /from page 1\b/);
  });
});
