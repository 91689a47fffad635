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
import { listAll, type ObjectStore, type Posting, type Warehouse } from '../../../providers/core/index.ts';
import type { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { CrashAfterWrites } from '../../../test/support/faulty-store.ts';
import { ForwardingStore } from '../../../test/support/forwarding-store.ts';
import { freshLocalLake } from '../../../test/support/local-lake.ts';
import { needs } from '../../../test/support/needs.ts';
import { cleanKey, cleanPrefix, quarantinePrefix, rawPrefix } from '../../lake/lake-layout.ts';
import { readManifest, writeManifest, type RunManifest } from '../../lake/run-manifest.ts';
import {
  PipelineError,
  runPipeline,
  type PipelineInfo,
  type PipelineOptions,
  type PipelineProgress,
} from '../../run-pipeline.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import type { RawPage, Source, SourceEvent } from '../../sources/source.ts';
import { codeFingerprint } from './code-fingerprint.ts';
import { spliceFields } from './line-splice.ts';
import { planChunks, resetTransform, transformRun } from './transform-stage.ts';

// The same day, so the sample source renders the same bodies; fetched hours apart.
const FIRST = new Date('2026-11-28T10:00:00.000Z');
const LATER = new Date('2026-11-28T16:30:00.000Z');
const SCALE = 300;
const CHUNK_BYTES = 64 * 1024;

/** The store, recording each get and put (`get <key>`, `put <key>`) in the order they start. */
class RecordingStore extends ForwardingStore {
  readonly events: string[] = [];
  /** An onProgress that marks where the transform starts and ends among the events. */
  readonly mark = (progress: PipelineProgress) => {
    if (progress.stage === 'transform' && progress.state !== 'progress')
      this.events.push(`transform ${progress.state}`);
  };
  /** The events between the transform's start and end marks. */
  transformEvents(): string[] {
    const start = this.events.indexOf('transform start');
    const end = this.events.indexOf('transform done');
    assert.ok(start >= 0 && end > start, 'the transform ran');
    return this.events.slice(start + 1, end);
  }
  override put(key: string, body: Uint8Array | string, options?: Parameters<ObjectStore['put']>[2]) {
    this.events.push(`put ${key}`);
    return this.inner.put(key, body, options);
  }
  override get(key: string) {
    this.events.push(`get ${key}`);
    return this.inner.get(key);
  }
}

describe('transform: a rerun reuses the clean output of an identical earlier run', function () {
  this.timeout(180_000);
  let store: FsObjectStore;
  let warehouse: Warehouse;

  before(function () {
    needs(this, 'whole-runs');
  });
  const lake = freshLocalLake('reuse', { batchSize: 100 });
  beforeEach(() => {
    ({ store, warehouse } = lake);
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

  /** The page numbers of each chunk the transform plans for the run's (one source's) pages. */
  async function planOf(manifest: RunManifest): Promise<number[][]> {
    const prefix = rawPrefix('sample', manifest.dt, manifest.runId);
    const bodies = (await listAll(store, prefix))
      .map((o) => ({ n: /^(\d+)\.(json|html)$/.exec(o.key.slice(prefix.length)), size: o.size }))
      .filter((b) => b.n !== null)
      .map((b) => ({ n: Number(b.n![1]), size: b.size }))
      .sort((a, b) => a.n - b.n);
    return planChunks(bodies, CHUNK_BYTES).map((refs) => refs.map((ref) => ref.n));
  }

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
    // Lines as the transform writes them take the splice, not the fallback that serialises again.
    const earlierLines = Buffer.from(await store.get(cleanKey(first.manifest.dt, first.runId, 0)));
    for (const bytes of earlierLines
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => Buffer.from(l)))
      assert.ok(spliceFields(bytes, JSON.parse(bytes.toString('utf8')) as Posting, { key: 'k', collectedAt: 'c' }));
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

  /** The manifest of a new run stopped after its extract (the transform's first clean write fails). */
  async function extractedOnly(at: Date): Promise<RunManifest> {
    const crashed = await runPipeline(
      options(at, { store: new CrashAfterWrites(store, 0, 'clean/') as ObjectStore, reuseClean: false }),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(crashed instanceof PipelineError && crashed.stage === 'transform', String(crashed));
    return (await readManifest(store, crashed.runId))!;
  }

  it('checks each raw page body before copying: one flipped after the extract stops the run, named, as a parse would', async function () {
    const first = await runPipeline(options(FIRST));
    const manifest = await extractedOnly(LATER);
    // A byte of one page's body flipped in the lake, its meta untouched: only its sha256 tells.
    const prefix = rawPrefix('sample', manifest.dt, manifest.runId);
    const page = (await listAll(store, prefix)).find((o) => /\/2\.(json|html)$/.test(o.key))!;
    const body = Buffer.from(await store.get(page.key));
    const middle = body.length >> 1;
    body[middle] = body[middle]! ^ 0x20;
    await store.put(page.key, body);
    const { seen, log } = events();
    const transform = transformRun({
      store,
      manifest,
      checkpoint: () => writeManifest(store, manifest, LATER),
      chunkBytes: CHUNK_BYTES,
      workers: 0,
      log,
    });
    await assert.rejects(transform, (error: unknown) => String(error).includes(page.key));
    assert.ok(
      seen.some((e) => e.level === 'warn' && e.message.includes(`${page.key} is not what the extract stored`)),
      seen.map((e) => e.message).join('\n'),
    );
    assert.equal(manifest.stages.transform.reusedFrom, undefined);
    assert.ok(first.manifest.stages.transform.checksum);
  });

  it('parses when the transform code differs', async function () {
    const first = await runPipeline(options(FIRST));
    // Two runs that stop after their extract.
    const transform = (manifest: RunManifest, code?: string) =>
      transformRun({
        store,
        manifest,
        checkpoint: () => writeManifest(store, manifest, LATER),
        chunkBytes: CHUNK_BYTES,
        workers: 0,
        ...(code ? { codeFingerprint: code } : {}),
      });
    const otherVersion = await transform(await extractedOnly(LATER), 'the digest of another jobbench');
    assert.equal(otherVersion.reusedFrom, undefined);
    assert.equal(otherVersion.checksum, first.manifest.stages.transform.checksum);
    // The same pages with this version's code are reused (from the first run: the index
    // names a run that parsed with this code).
    const sameVersion = await transform(await extractedOnly(LATER));
    assert.equal(sameVersion.reusedFrom, first.runId);
  });

  it('gives a posting the cross-chunk dedupe placed in another chunk than its page the fetch time of its page', async function () {
    // The last page repeats the first page's records with longer descriptions, fetched a
    // minute later: the richer copies are kept, at the place of the first (chunk 0), so
    // chunk 0 holds postings whose page is in the last chunk.
    const repeating = (at: Date): Source => {
      const sample = createSampleSource({ scale: SCALE, seed: 5, now: () => at });
      return {
        ...sample,
        async *pages(context) {
          let first: RawPage | null = null;
          let last: RawPage | null = null;
          for await (const page of sample.pages(context)) {
            first ??= page;
            last = page;
            yield page;
          }
          const body = JSON.parse(first!.body) as { results: { description: string }[] };
          for (const result of body.results) result.description += ' Télétravail possible deux jours par semaine.';
          yield {
            ...first!,
            cursor: last!.cursor, // where a resume continues: after the last page
            body: JSON.stringify(body),
            url: `${first!.url}&again`,
            fetchedAt: new Date(at.getTime() + 60_000).toISOString(),
          };
        },
      };
    };
    const first = await runPipeline(options(FIRST, { sources: [repeating(FIRST)] }));
    const second = await runPipeline(options(LATER, { sources: [repeating(LATER)] }));
    assert.equal(second.manifest.stages.transform.reusedFrom, first.runId);
    const lastPage = second.manifest.stages.extract.sources.sample!.pages - 1;
    const moved = Buffer.from(await store.get(cleanKey(second.manifest.dt, second.runId, 0)))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { rawKey: string; collectedAt: string })
      .filter((posting) => posting.rawKey.endsWith(`/${lastPage}.json`));
    assert.ok(second.manifest.stages.transform.chunks! > 2);
    assert.ok(moved.length > 0, 'chunk 0 holds postings of the last page');
    for (const posting of moved) assert.equal(posting.collectedAt, new Date(LATER.getTime() + 60_000).toISOString());
    await assertSameAsParsed(second);
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

  it('reads each page meta once, a chunk at a time, in the run that parses and in the copy', async function () {
    // The memory shape: what either run holds per page lives only while its chunk is
    // handled. Seen from the store: the run that parses reads each meta once, as its chunk
    // is read (the fingerprint comes from per-chunk digests, not a pass over every page at
    // the end), and the copy reads a chunk's metas only while at most two chunks (its copy
    // concurrency) are open.
    const parsing = new RecordingStore(store);
    const first = await runPipeline(options(FIRST, { store: parsing as ObjectStore, onProgress: parsing.mark }));
    const t = first.manifest.stages.transform;
    assert.equal(Object.keys(t.chunkInputDigests ?? {}).length, t.chunks, 'one input digest per chunk');
    const firstReads = parsing.transformEvents().filter((e) => /^get raw\/.*\.meta\.json$/.test(e));
    assert.equal(firstReads.length, first.manifest.stages.extract.sources.sample!.pages);
    assert.equal(new Set(firstReads).size, firstReads.length, 'no meta read twice');

    const copying = new RecordingStore(store);
    const second = await runPipeline(options(LATER, { store: copying as ObjectStore, onProgress: copying.mark }));
    assert.equal(second.manifest.stages.transform.reusedFrom, first.runId);
    const plan = await planOf(second.manifest);
    const chunkOf = new Map(plan.flatMap((pages, chunk) => pages.map((n) => [n, chunk] as const)));
    const open = new Set<number>();
    const readIn = new Set<number>();
    let mostOpen = 0;
    for (const event of copying.transformEvents()) {
      const meta = /^get raw\/.*\/run=([^/]+)\/(\d+)\.meta\.json$/.exec(event);
      if (meta && meta[1] === second.runId) {
        const chunk = chunkOf.get(Number(meta[2]))!;
        open.add(chunk);
        readIn.add(chunk);
        mostOpen = Math.max(mostOpen, open.size);
      }
      const clean = /^put clean\/.*\/run=([^/]+)\/postings-(\d+)\.ndjson$/.exec(event);
      if (clean && clean[1] === second.runId) open.delete(Number(clean[2]));
    }
    assert.ok(plan.length > 2, `${plan.length} chunks`);
    assert.equal(readIn.size, plan.length, 'every chunk read its metas');
    assert.ok(mostOpen <= 2, `${mostOpen} chunks had metas read before their copy was written`);
  });

  it('records the same fingerprint for a transform resumed after a crash as for one that was not', async function () {
    const first = await runPipeline(options(FIRST, { reuseClean: false }));
    const crashed = await runPipeline(
      options(LATER, { store: new CrashAfterWrites(store, 2, 'clean/') as ObjectStore, reuseClean: false }),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(crashed instanceof PipelineError && crashed.stage === 'transform', String(crashed));
    const stopped = (await readManifest(store, crashed.runId))!.stages.transform;
    assert.equal(stopped.chunksDone.length, 2);
    assert.equal(Object.keys(stopped.chunkInputDigests ?? {}).length, 2, 'a done chunk checkpoints its digest');
    // Resumed on worker threads: chunks finish out of order, the fingerprint does not depend on it.
    const resuming = new RecordingStore(store);
    const resumed = await runPipeline(
      options(LATER, {
        store: resuming as ObjectStore,
        onProgress: resuming.mark,
        resumeRunId: crashed.runId,
        reuseClean: false,
        transformWorkers: 2,
      }),
    );
    assert.equal(resumed.manifest.stages.transform.inputFingerprint, first.manifest.stages.transform.inputFingerprint);
    assert.deepEqual(
      resumed.manifest.stages.transform.chunkInputDigests,
      first.manifest.stages.transform.chunkInputDigests,
    );
    // The chunks done before the crash are not read again for their digests.
    const plan = await planOf(resumed.manifest);
    const doneBefore = new Set(stopped.chunksDone.flatMap((chunk) => plan[chunk]!));
    const reread = resuming
      .transformEvents()
      .map((e) => /^get raw\/.*\/(\d+)\.meta\.json$/.exec(e))
      .filter((m) => m !== null && doneBefore.has(Number(m[1])));
    assert.deepEqual(reread, []);
  });

  it('stays off with reuseClean: false', async function () {
    await runPipeline(options(FIRST));
    const second = await runPipeline(options(LATER, { reuseClean: false }));
    assert.equal(second.manifest.stages.transform.reusedFrom, undefined);
  });
});

describe('spliceFields: rawKey and collectedAt replaced in a clean line', function () {
  const posting = {
    id: 'sample:1',
    title: 'Data "scientist" \u2014 énergie \ud83d\ude80',
    description: 'rawKey: "raw/x" \\"rawKey\\": collectedAt',
    collectedAt: '2026-11-28T10:00:00.000Z',
    rawKey: 'raw/source=sample/dt=2026-11-28/run=a/3.json',
    location: { city: 'Lyon', raw: 'Lyon (69)' },
    duplicates: [{ source: 'adzuna', sourceId: '9', url: null }],
  } as unknown as Posting;
  const place = { key: 'raw/source=sample/dt=2026-11-28/run=b/3.json', collectedAt: '2026-11-28T16:30:00.000Z' };
  const splice = (line: string, value: Posting = posting) => {
    const bytes = Buffer.from(line);
    const splices = spliceFields(bytes, value, place);
    if (splices === null) return null;
    let out = '';
    let from = 0;
    for (const { start, end, value: json } of splices) {
      out += bytes.toString('utf8', from, start) + json.toString('utf8');
      from = end;
    }
    return out + bytes.toString('utf8', from);
  };

  it('gives what JSON.stringify writes for the rewritten posting, whatever the fields around them hold', function () {
    const line = JSON.stringify(posting);
    assert.equal(splice(line), JSON.stringify({ ...posting, rawKey: place.key, collectedAt: place.collectedAt }));
    // The other order of the two fields too.
    const { rawKey, collectedAt, ...rest } = posting;
    const swapped = { ...rest, rawKey, collectedAt } as Posting;
    assert.equal(
      splice(JSON.stringify(swapped), swapped),
      JSON.stringify({ ...swapped, ...{ rawKey: place.key, collectedAt: place.collectedAt } }),
    );
  });

  it('refuses a line where either field cannot be placed for certain', function () {
    const line = JSON.stringify(posting);
    // The field name written with an escape: it parses the same, the text does not hold it.
    assert.equal(splice(line.replace('"rawKey":', '"raw\\u004bey":')), null);
    // A second `"rawKey":` (a nested key ending in it), or the key twice (the last one wins when parsed).
    assert.equal(splice(line.replace('"city":', '"x\\"rawKey":')), null);
    assert.equal(splice(line.replace('{"id"', `{"rawKey":"other","id"`)), null);
    // The old value written otherwise than JSON.stringify writes it, or space after the colon.
    assert.equal(splice(line.replace('"collectedAt":"2026', '"collectedAt":"\\u0032026')), null);
    assert.equal(splice(line.replace('"collectedAt":', '"collectedAt": ')), null);
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
