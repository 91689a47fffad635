/**
 * A rerun over the same raw pages copies the earlier run's clean output (reuse-clean.ts).
 * The proof of a copy is that its clean and quarantine objects are byte for byte what a
 * transform with reuse off writes for the same pages and metas; the refusals (a changed
 * byte, another code version, a corrupt earlier chunk) parse instead and lose nothing.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listAll, type ObjectStore, type Warehouse } from '../../../providers/core/index.ts';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { openPglite } from '../../../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../../../providers/postgres/postgres-warehouse.ts';
import { CrashAfterWrites } from '../../../test/support/faulty-store.ts';
import { needs } from '../../../test/support/needs.ts';
import { cleanKey, cleanPrefix, quarantinePrefix } from '../../lake/lake-layout.ts';
import { readManifest, writeManifest, type RunManifest } from '../../lake/run-manifest.ts';
import { PipelineError, runPipeline, type PipelineInfo, type PipelineOptions } from '../../run-pipeline.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import type { Source, SourceEvent } from '../../sources/source.ts';
import { codeFingerprint } from './code-fingerprint.ts';
import { resetTransform, transformRun } from './transform-stage.ts';

// The same day, so the sample source renders the same bodies; fetched hours apart.
const FIRST = new Date('2026-11-28T10:00:00.000Z');
const LATER = new Date('2026-11-28T16:30:00.000Z');
const SCALE = 300;
const CHUNK_BYTES = 64 * 1024;

describe('transform: a rerun reuses the clean output of an identical earlier run', function () {
  this.timeout(180_000);
  let dir: string;
  let store: FsObjectStore;
  let warehouse: Warehouse;

  before(function () {
    needs(this, 'whole-runs');
  });
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-reuse-'));
    store = new FsObjectStore(path.join(dir, 'lake'));
    warehouse = new PostgresWarehouse({
      provider: 'local',
      client: await openPglite('memory://'),
      schema: 'jobbench',
      batchSize: 100,
    });
  });
  afterEach(async function () {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  function options(at: Date, overrides: Partial<PipelineOptions> = {}): PipelineOptions {
    return {
      store,
      warehouse,
      sources: [createSampleSource({ scale: SCALE, seed: 5, now: () => at })],
      workload: { sources: ['sample'], scale: SCALE, seed: 5 },
      env: {},
      now: () => at,
      chunkBytes: CHUNK_BYTES,
      transformWorkers: 0,
      ...overrides,
    };
  }

  const events = () => {
    const seen: SourceEvent[] = [];
    return { seen, log: (event: SourceEvent) => seen.push(event) };
  };

  /** The run's transform output: its clean and quarantine objects, by key. */
  async function outputOf(manifest: RunManifest): Promise<Map<string, Buffer>> {
    const objects = [
      ...(await listAll(store, cleanPrefix(manifest.dt, manifest.runId))),
      ...(await listAll(store, quarantinePrefix(manifest.runId))).filter((o) => /\/chunk-\d+\.ndjson$/.test(o.key)),
    ];
    const bytes = new Map<string, Buffer>();
    for (const { key } of objects.sort((a, b) => a.key.localeCompare(b.key)))
      bytes.set(key, Buffer.from(await store.get(key)));
    return bytes;
  }

  /** What the transform writes for this run's pages and metas with reuse off, and its counts. */
  async function parsedAgain(runId: string): Promise<{ output: Map<string, Buffer>; manifest: RunManifest }> {
    const manifest = (await readManifest(store, runId))!;
    resetTransform(manifest);
    for (const { key } of await listAll(store, quarantinePrefix(runId))) await store.delete(key);
    for (const { key } of await listAll(store, cleanPrefix(manifest.dt, runId))) await store.delete(key);
    const info = await transformRun({
      store,
      manifest,
      checkpoint: () => writeManifest(store, manifest, LATER),
      chunkBytes: CHUNK_BYTES,
      workers: 0,
      reuse: false,
    });
    assert.equal(info.reusedFrom, undefined);
    return { output: await outputOf(manifest), manifest };
  }

  const counts = (m: RunManifest) => {
    const t = m.stages.transform;
    return {
      chunks: t.chunks,
      extracted: t.extracted,
      postings: t.postings,
      quarantined: t.quarantined,
      duplicatesMerged: t.duplicatesMerged,
      chunkChecksums: t.chunkChecksums,
      checksum: t.checksum,
      inputFingerprint: t.inputFingerprint,
    };
  };

  /** The copy is the transform's output for this run's pages: same bytes, same counts. */
  async function assertSameAsParsed(reused: PipelineInfo): Promise<void> {
    const copied = await outputOf(reused.manifest);
    assert.ok(copied.size > 2, `${copied.size} objects`);
    const again = await parsedAgain(reused.runId);
    assert.deepEqual([...copied.keys()], [...again.output.keys()]);
    for (const [key, bytes] of copied) assert.ok(bytes.equals(again.output.get(key)!), `${key} differs`);
    assert.deepEqual(counts(reused.manifest), counts(again.manifest));
  }

  it('copies it when only the fetch time differs, byte for byte what parsing writes; the load adds nothing', async function () {
    const first = await runPipeline(options(FIRST));
    assert.equal(first.transform?.reusedFrom, undefined);
    assert.ok(first.manifest.stages.transform.inputFingerprint, 'the first run records its fingerprint');
    const { seen, log } = events();
    const second = await runPipeline(options(LATER, { log }));
    assert.equal(second.manifest.stages.transform.reusedFrom, first.runId);
    assert.ok(seen.some((e) => e.level === 'info' && e.message.includes(`run ${first.runId}`)));
    assert.ok(!seen.some((e) => e.level === 'warn'), seen.map((e) => e.message).join('\n'));
    // Not the earlier bytes: each posting names this run's page and its fetch time.
    const line = JSON.parse(
      Buffer.from(await store.get(cleanKey(second.manifest.dt, second.runId, 0)))
        .toString('utf8')
        .split('\n')[0]!,
    ) as { rawKey: string; collectedAt: string };
    assert.ok(line.rawKey.includes(`/run=${second.runId}/`), line.rawKey);
    assert.equal(line.collectedAt, LATER.toISOString());
    // (f) the load finds every posting stored, and verify passes.
    assert.equal(second.load?.inserted, 0);
    assert.deepEqual(
      { lost: second.verification.lost, duplicated: second.verification.duplicated },
      { lost: 0, duplicated: 0 },
    );
    assert.equal(second.verification.expected, first.verification.expected);
    await assertSameAsParsed(second);
  });

  it('parses when one byte of one page differs', async function () {
    const first = await runPipeline(options(FIRST));
    const sample = createSampleSource({ scale: SCALE, seed: 5, now: () => LATER });
    // Page 3 with one letter of its second half changed: same size, so only the sha256 tells.
    const edited: Source = {
      ...sample,
      async *pages(context) {
        let n = 0;
        for await (const page of sample.pages(context)) {
          if (n++ === 3) {
            const at = page.body.indexOf('e', page.body.length / 2);
            assert.ok(at > 0);
            yield { ...page, body: `${page.body.slice(0, at)}a${page.body.slice(at + 1)}` };
          } else yield page;
        }
      },
    };
    const { seen, log } = events();
    const second = await runPipeline(options(LATER, { sources: [edited], log }));
    assert.equal(second.manifest.stages.transform.reusedFrom, undefined);
    assert.ok(
      seen.some((e) => e.level === 'info' && /raw pages differ/.test(e.message)),
      seen.map((e) => e.message).join('\n'),
    );
    assert.notEqual(
      second.manifest.stages.transform.inputFingerprint,
      first.manifest.stages.transform.inputFingerprint,
    );
    assert.equal(second.verification.lost, 0);
  });

  it('parses when the transform code differs', async function () {
    const first = await runPipeline(options(FIRST));
    // Two runs that stop after their extract (the transform's first clean write fails).
    const extracted = async (at: Date) => {
      const crashed = await runPipeline(
        options(at, { store: new CrashAfterWrites(store, 0, 'clean/') as ObjectStore, reuseClean: false }),
      ).then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(crashed instanceof PipelineError && crashed.stage === 'transform', String(crashed));
      return (await readManifest(store, crashed.runId))!;
    };
    const transform = (manifest: RunManifest, code?: string) =>
      transformRun({
        store,
        manifest,
        checkpoint: () => writeManifest(store, manifest, LATER),
        chunkBytes: CHUNK_BYTES,
        workers: 0,
        ...(code ? { codeFingerprint: code } : {}),
      });
    const otherVersion = await transform(await extracted(LATER), 'the digest of another jobbench');
    assert.equal(otherVersion.reusedFrom, undefined);
    assert.equal(otherVersion.checksum, first.manifest.stages.transform.checksum);
    // The same pages with this version's code are reused (from the first run: the index
    // names a run that parsed with this code).
    const sameVersion = await transform(await extracted(LATER));
    assert.equal(sameVersion.reusedFrom, first.runId);
  });

  it('warns and parses when a chunk of the earlier run was changed, losing nothing', async function () {
    const first = await runPipeline(options(FIRST));
    const key = cleanKey(first.manifest.dt, first.runId, 1);
    const lines = Buffer.from(await store.get(key))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    await store.put(key, `${lines.slice(1).join('\n')}\n`);
    const { seen, log } = events();
    const second = await runPipeline(options(LATER, { log }));
    const t = second.manifest.stages.transform;
    assert.equal(t.reusedFrom, undefined);
    assert.ok(
      seen.some((e) => e.level === 'warn' && e.message.includes(key) && /not reused/.test(e.message)),
      seen.map((e) => e.message).join('\n'),
    );
    assert.equal(t.checksum, first.manifest.stages.transform.checksum);
    assert.equal(t.postings, first.manifest.stages.transform.postings);
    assert.equal(second.verification.lost, 0);
  });

  it('warns and parses when the run the index names is gone', async function () {
    const first = await runPipeline(options(FIRST));
    for (const { key } of await listAll(store, `runs/${first.runId}/`)) await store.delete(key);
    const { seen, log } = events();
    const second = await runPipeline(options(LATER, { log }));
    assert.equal(second.manifest.stages.transform.reusedFrom, undefined);
    assert.ok(
      seen.some((e) => e.level === 'warn' && /names run .* which is gone/.test(e.message)),
      seen.map((e) => e.message).join('\n'),
    );
    assert.equal(second.manifest.stages.transform.checksum, first.manifest.stages.transform.checksum);
  });

  it('resumes a copy that crashed midway to the same clean output', async function () {
    const first = await runPipeline(options(FIRST));
    const crashing = new CrashAfterWrites(store, 2, 'clean/');
    const crashed = await runPipeline(options(LATER, { store: crashing as ObjectStore })).then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(crashed instanceof PipelineError && crashed.stage === 'transform', String(crashed));
    const stopped = (await readManifest(store, crashed.runId))!;
    assert.ok((first.manifest.stages.transform.chunks ?? 0) > 2, 'the crash came mid-copy');
    assert.deepEqual(stopped.stages.transform.chunksDone, []);
    const resumed = await runPipeline(options(LATER, { resumeRunId: crashed.runId }));
    assert.equal(resumed.manifest.stages.transform.reusedFrom, first.runId);
    assert.equal(resumed.verification.lost, 0);
    await assertSameAsParsed(resumed);
  });

  it('stays off with reuseClean: false', async function () {
    await runPipeline(options(FIRST));
    const second = await runPipeline(options(LATER, { reuseClean: false }));
    assert.equal(second.manifest.stages.transform.reusedFrom, undefined);
  });
});

describe('the transform code fingerprint', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-code-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('changes with any module the root reaches, and only with those', async function () {
    const file = (name: string, text: string) => writeFile(path.join(dir, name), text);
    await file('root.ts', "import { a } from './a.ts';\nexport const x = a;\n");
    await file('a.ts', "export { b as a } from './data/b.ts';\n");
    await mkdir(path.join(dir, 'data'));
    await file('data/b.ts', "export const b = ['python', 'sql'];\n");
    await file('unrelated.ts', 'export const c = 1;\n');
    const root = path.join(dir, 'root.ts');
    const before = codeFingerprint(root);
    assert.equal(codeFingerprint(root), before, 'deterministic');
    await file('unrelated.ts', 'export const c = 2;\n');
    assert.equal(codeFingerprint(root), before, 'a module nothing imports does not count');
    await file('data/b.ts', "export const b = ['python', 'sql', 'dbt'];\n");
    assert.notEqual(codeFingerprint(root), before, 'reference data two imports away counts');
  });
});
