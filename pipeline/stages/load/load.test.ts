/**
 * The load is never blocked by one record, and what it loads is what the transform wrote:
 * hostile clean chunks (text the warehouse cannot store, truncated, flipped, deleted) on
 * PGlite and on the machine's PostgreSQL 15.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  listAll,
  postingContentHash,
  RunningDigest,
  type LoadInfo,
  type LoadRun,
  type ObjectStore,
  type Posting,
  type Warehouse,
} from '../../../providers/core/index.ts';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { openPglite } from '../../../providers/local/pglite-client.ts';
import { openPgClient } from '../../../providers/postgres/pg-client.ts';
import { PostgresWarehouse } from '../../../providers/postgres/postgres-warehouse.ts';
import { quoteIdent } from '../../../providers/postgres/sql-client.ts';
import { basePostgresUrl } from '../../../emulators/postgres-databases.ts';
import { CrashAfterWrites } from '../../../test/support/faulty-store.ts';
import { cleanKey, quarantinePrefix } from '../../lake/lake-layout.ts';
import { ndjsonRecords, toNdjson } from '../../lake/ndjson.ts';
import { readManifest, writeManifest, type RunManifest } from '../../lake/run-manifest.ts';
import { PipelineError, runPipeline, type PipelineInfo, type PipelineOptions } from '../../run-pipeline.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import { needs, type Need } from '../../../test/support/needs.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const SCALE = 300;

interface Backend {
  name: string;
  need: Need;
  open(): Promise<Warehouse>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    need: 'whole-runs',
    open: async () =>
      new PostgresWarehouse({
        provider: 'local',
        client: await openPglite('memory://'),
        schema: 'jobbench',
        batchSize: 40,
      }),
  },
  {
    name: 'PostgreSQL 15 (127.0.0.1:5432)',
    need: 'postgres',
    open: async () => {
      const schema = `h3load_${randomUUID().slice(0, 8)}`;
      const client = openPgClient({ connectionString: basePostgresUrl(), tls: false });
      return new PostgresWarehouse({
        provider: 'test',
        client,
        schema,
        batchSize: 40,
        onClose: () => client.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`),
      });
    },
  },
];

const read = async (store: ObjectStore, key: string) => [...ndjsonRecords<Posting>(await store.get(key))];

/** Rewrites a clean chunk as an older transform (or a hand edit) would have, checksums included. */
async function rewriteChunkWithChecksums(
  store: ObjectStore,
  runId: string,
  chunk: number,
  edit: (postings: Posting[]) => Posting[],
): Promise<void> {
  const manifest = (await readManifest(store, runId))!;
  const key = cleanKey(manifest.dt, runId, chunk);
  const postings = edit(await read(store, key));
  await store.put(key, toNdjson(postings));
  const digest = new RunningDigest();
  for (const posting of postings) digest.add(posting.id, postingContentHash(posting));
  const t = manifest.stages.transform;
  t.chunkChecksums[String(chunk)] = digest.hex();
  t.checksum = RunningDigest.combine(Object.values(t.chunkChecksums));
  await writeManifest(store, manifest, NOW);
}

for (const backend of backends) {
  describe(`load: hostile clean chunks (${backend.name})`, function () {
    this.timeout(180_000);
    let dir: string;
    let store: FsObjectStore;
    const opened: Warehouse[] = [];
    before(function () {
      needs(this, backend.need);
    });
    const open = async () => {
      const warehouse = await backend.open();
      opened.push(warehouse);
      return warehouse;
    };

    beforeEach(async function () {
      dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-load-'));
      store = new FsObjectStore(path.join(dir, 'lake'));
    });
    afterEach(async function () {
      for (const warehouse of opened.splice(0)) await warehouse.close();
      await rm(dir, { recursive: true, force: true });
    });

    async function options(overrides: Partial<PipelineOptions> = {}): Promise<PipelineOptions> {
      return {
        store,
        warehouse: overrides.warehouse ?? (await open()),
        sources: [createSampleSource({ scale: SCALE, seed: 11, now: () => NOW })],
        workload: { sources: ['sample'], scale: SCALE, seed: 11 },
        env: {},
        now: () => NOW,
        chunkBytes: 64 * 1024,
        transformWorkers: 0,
        ...overrides,
      };
    }

    const factRows = async (warehouse: Warehouse) => Number((await warehouse.query('posting_count'))[0]?.postings);
    const failure = (promise: Promise<PipelineInfo>) =>
      promise.then(
        () => assert.fail('the run should have failed'),
        (error: unknown) => error,
      );

    it('quarantines the one posting with a NUL, an unpaired surrogate or an invalid date, loads the rest, and a resume completes', async function () {
      const first = await runPipeline(await options());
      const before = structuredClone(first.manifest.stages.transform);
      const postings = await read(store, cleanKey(first.manifest.dt, first.runId, 1));
      const nul = postings[2]!.id;
      const lone = postings[5]!.id;
      const highLow = postings[7]!.id;
      const badDate = postings[9]!.id;
      await rewriteChunkWithChecksums(store, first.runId, 1, (all) =>
        all.map((p) => {
          if (p.id === nul) return { ...p, company: 'Acme\u0000 SA' };
          if (p.id === lone) return { ...p, title: `${p.title} \ud83d`, location: { ...p.location, city: 'x\udc00y' } };
          if (p.id === highLow) return { ...p, description: `${p.description} 😀 ok` }; // a paired surrogate is fine
          if (p.id === badDate) return { ...p, postedAt: 'not a date' }; // the SQL cast would fail the batch
          return p;
        }),
      );

      // A warehouse that never saw this run: every posting has to come from this load.
      const warehouse = await open();
      const resumed = await runPipeline(await options({ warehouse, resumeRunId: first.runId }));
      const t = resumed.manifest.stages.transform;
      assert.equal(resumed.manifest.status, 'done');
      assert.deepEqual(
        { postings: t.postings, quarantined: t.quarantined, extracted: t.extracted },
        { postings: before.postings - 3, quarantined: before.quarantined + 3, extracted: before.extracted },
        'the three postings are counted quarantined, not lost',
      );
      assert.equal(t.extracted, t.postings + t.quarantined + t.duplicatesMerged);
      assert.deepEqual(
        {
          lost: resumed.verification.lost,
          duplicated: resumed.verification.duplicated,
          expected: resumed.verification.expected,
        },
        { lost: 0, duplicated: 0, expected: t.postings },
      );
      assert.equal(await factRows(warehouse), t.postings);
      assert.equal(resumed.load?.checksum, t.checksum);
      const stored = await warehouse.fingerprints([nul, lone, highLow, badDate]);
      assert.deepEqual([...stored.keys()], [highLow], 'only the posting with a paired surrogate is loaded');

      const quarantine = (await listAll(store, quarantinePrefix(first.runId))).filter((o) => /load/.test(o.key));
      assert.equal(quarantine.length, 1, quarantine.map((o) => o.key).join(', '));
      const entries = [
        ...ndjsonRecords<{ reason: string; index: number; record: Posting; rawKey: string; source: string }>(
          await store.get(quarantine[0]!.key),
        ),
      ];
      assert.deepEqual(
        entries.map((e) => e.record.id),
        [nul, lone, badDate],
      );
      assert.match(entries[0]!.reason, /U\+0000.*company/);
      assert.match(entries[1]!.reason, /unpaired surrogate.*title/);
      assert.match(entries[2]!.reason, /not a canonical posting: postedAt/);
      assert.deepEqual(
        entries.map((e) => e.index),
        [2, 5, 9],
        'the line of the clean chunk',
      );
      for (const entry of entries) {
        assert.equal(entry.source, 'sample');
        assert.ok(entry.rawKey.startsWith('raw/source=sample/'), entry.rawKey);
      }
      assert.equal(entries[0]!.record.company, 'Acme\u0000 SA', 'the record is kept as it was');
      const clean = await read(store, cleanKey(first.manifest.dt, first.runId, 1));
      assert.equal(
        clean.some((p) => p.id === nul || p.id === lone || p.id === badDate),
        false,
        'clean/ holds only what the warehouse holds',
      );

      // Resuming again changes nothing: the records are not quarantined twice.
      const again = await runPipeline(await options({ warehouse, resumeRunId: first.runId }));
      assert.deepEqual(
        {
          postings: again.manifest.stages.transform.postings,
          quarantined: again.manifest.stages.transform.quarantined,
          lost: again.verification.lost,
        },
        { postings: t.postings, quarantined: t.quarantined, lost: 0 },
      );
    });

    it('a crash between recording the quarantine and rewriting the chunk is finished by the next resume, counted once', async function () {
      const first = await runPipeline(await options());
      const before = first.manifest.stages.transform;
      const bad = (await read(store, cleanKey(first.manifest.dt, first.runId, 0)))[1]!.id;
      await rewriteChunkWithChecksums(store, first.runId, 0, (all) =>
        all.map((p) => (p.id === bad ? { ...p, description: '\u0000' } : p)),
      );
      const warehouse = await open();
      // The first write under clean/ is the rewrite of chunk 0: the process "dies" there.
      const crashing = new CrashAfterWrites(store, 0, 'clean/') as ObjectStore;
      const crashed = await failure(
        runPipeline(await options({ warehouse, store: crashing, resumeRunId: first.runId })),
      );
      assert.ok(crashed instanceof PipelineError && crashed.stage === 'load', String(crashed));
      const resumed = await runPipeline(await options({ warehouse, resumeRunId: first.runId }));
      assert.equal(resumed.manifest.stages.transform.quarantined, before.quarantined + 1);
      assert.equal(resumed.manifest.stages.transform.postings, before.postings - 1);
      assert.deepEqual(
        { lost: resumed.verification.lost, duplicated: resumed.verification.duplicated },
        { lost: 0, duplicated: 0 },
      );
      assert.equal(await factRows(warehouse), before.postings - 1);
    });

    const corruptions: { name: string; apply: (store: ObjectStore, key: string) => Promise<void>; problem: RegExp }[] =
      [
        {
          name: 'cut by its last 5 postings',
          apply: async (s, key) => {
            const lines = Buffer.from(await s.get(key))
              .toString('utf8')
              .split('\n')
              .filter(Boolean);
            await s.put(key, `${lines.slice(0, -5).join('\n')}\n`);
          },
          problem: /checksum/,
        },
        {
          name: 'cut in the middle of a line',
          apply: async (s, key) => {
            const bytes = Buffer.from(await s.get(key));
            await s.put(key, bytes.subarray(0, Math.floor(bytes.length / 2)));
          },
          problem: /line \d+/,
        },
        {
          name: 'with one byte of an id flipped',
          apply: async (s, key) => {
            const bytes = Buffer.from(await s.get(key));
            const at = bytes.indexOf('"id":"') + 8;
            bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
            await s.put(key, bytes);
          },
          problem: /checksum/,
        },
        { name: 'deleted', apply: (s, key) => s.delete(key), problem: /missing/ },
      ];

    for (const corruption of corruptions) {
      it(`fails loudly on a clean chunk ${corruption.name}, loads nothing of it, and the resume re-runs the transform`, async function () {
        const first = await runPipeline(await options());
        const original = first.manifest.stages.transform;
        const key = cleanKey(first.manifest.dt, first.runId, 2);
        const idsInChunk = (await read(store, key)).map((p) => p.id);
        await corruption.apply(store, key);

        const warehouse = await open();
        const error = await failure(runPipeline(await options({ warehouse, resumeRunId: first.runId })));
        assert.ok(error instanceof PipelineError, String(error));
        assert.equal(error.stage, 'load');
        assert.ok(error.message.includes(key), error.message);
        assert.match(error.message, corruption.problem);
        assert.match(error.message, /transform/);
        assert.match(error.message, new RegExp(`jobbench run --resume ${first.runId}`));
        assert.equal(
          (await warehouse.fingerprints(idsInChunk)).size,
          0,
          'nothing of the corrupt chunk reached the warehouse',
        );
        const failed = (await readManifest(store, first.runId))!;
        assert.equal(failed.status, 'failed');
        assert.notEqual(failed.stages.transform.status, 'done', 'the resume re-runs the transform');
        if (corruption.name !== 'deleted') {
          assert.ok(
            await store.head(`${quarantinePrefix(first.runId)}corrupt/${key}`),
            'the corrupt object is kept for inspection',
          );
        }

        const repaired = await runPipeline(await options({ warehouse, resumeRunId: first.runId }));
        assert.equal(repaired.manifest.status, 'done');
        assert.deepEqual(
          {
            postings: repaired.manifest.stages.transform.postings,
            checksum: repaired.manifest.stages.transform.checksum,
            lost: repaired.verification.lost,
          },
          { postings: original.postings, checksum: original.checksum, lost: 0 },
        );
        assert.equal(await factRows(warehouse), original.postings);
      });
    }

    it("fails loudly when the warehouse's load audit does not match the clean set", async function () {
      const first = await runPipeline(await options());
      const inner = await open();
      // A backend that silently drops one posting of what it is given.
      const dropping: Warehouse = {
        migrate: () => inner.migrate(),
        query: (name, params) => inner.query(name, params),
        fingerprints: (ids) => inner.fingerprints(ids),
        close: () => inner.close(),
        load: (postings: AsyncIterable<Posting>, run: LoadRun): Promise<LoadInfo> =>
          inner.load(
            (async function* () {
              let n = 0;
              for await (const posting of postings) if (n++ !== 17) yield posting;
            })(),
            run,
          ),
      };
      const error = await failure(runPipeline(await options({ warehouse: dropping, resumeRunId: first.runId })));
      assert.ok(error instanceof PipelineError && error.stage === 'load', String(error));
      assert.match(error.message, /load audit/);
      assert.match(
        error.message,
        new RegExp(
          `${first.manifest.stages.transform.postings - 1}\\b.*${first.manifest.stages.transform.postings}\\b`,
        ),
      );
      const manifest: RunManifest = (await readManifest(store, first.runId))!;
      assert.equal(manifest.status, 'failed');
    });
  });
}
