/**
 * The quality stage's sample gives what the one-call reports give for the same records, and
 * it reads clean chunks verified: a chunk damaged between the transform and the quality
 * sample fails the run there, named, with the command that repairs it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { listAll, type Warehouse } from '../../../providers/core/index.ts';
import type { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { readVerifiedCleanChunk } from '../../lake/clean-chunks.ts';
import { cleanKey, quarantinePrefix, rawPrefix } from '../../lake/lake-layout.ts';
import { readManifest, writeManifest } from '../../lake/run-manifest.ts';
import { PipelineError, runPipeline, type PipelineOptions } from '../../run-pipeline.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import { freshLocalLake } from '../../../test/support/local-lake.ts';
import { needs } from '../../../test/support/needs.ts';
import { decodeUtf8 } from '../transform/parsers/utf8-decode.ts';
import { assessQuality } from './quality-stage.ts';
import { qualityReport, rawQualityReport, type RawQualityPayload } from './quality.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');

describe('quality stage: its sample, read verified', function () {
  this.timeout(120_000);
  let store: FsObjectStore;
  let warehouse: Warehouse;

  before(function () {
    needs(this, 'whole-runs');
  });
  const lake = freshLocalLake('quality', { batchSize: 40 });
  beforeEach(() => {
    ({ store, warehouse } = lake);
  });

  const options = (overrides: Partial<PipelineOptions> = {}): PipelineOptions => ({
    store,
    warehouse,
    sources: [createSampleSource({ scale: 200, seed: 5, now: () => NOW })],
    workload: { sources: ['sample'], scale: 200, seed: 5 },
    env: {},
    now: () => NOW,
    chunkBytes: 64 * 1024,
    transformWorkers: 0,
    ...overrides,
  });

  it('reports on its sample what the one-call reports give for the same pages and postings', async () => {
    // The stage reads raw pages a few at a time and adds each clean chunk's postings as it
    // reads them; the figures must be those of rawQualityReport and qualityReport over the
    // whole sample at once, read one object after another. Small sample sizes, so that the
    // sample is a strict part of the run on both sides.
    const first = await runPipeline(options());
    const manifest = first.manifest;
    const sizes = { rawPages: 7, cleanPostings: 60 };
    const assessed = await assessQuality(store, manifest, { now: NOW, ...sizes });

    const byHash = (key: string) => createHash('sha256').update(key).digest('hex');
    const prefix = rawPrefix('sample', manifest.dt, manifest.runId);
    const bodies = (await listAll(store, prefix)).filter((o) => /\/\d+\.(json|html)$/.test(o.key)).map((o) => o.key);
    const picked = bodies.sort((a, b) => (byHash(a) < byHash(b) ? -1 : 1)).slice(0, sizes.rawPages);
    const payloads: RawQualityPayload[] = [];
    for (const key of picked) {
      const meta = JSON.parse(Buffer.from(await store.get(key.replace(/\.\w+$/, '.meta.json'))).toString('utf8'));
      const body = decodeUtf8(await store.get(key));
      payloads.push({ format: meta.format, body: body.text, invalidUtf8: body.replacements });
    }
    const chunks = manifest.stages.transform.chunks!;
    const order = Array.from({ length: chunks }, (_, i) => i).sort((a, b) =>
      byHash(cleanKey(manifest.dt, manifest.runId, a)) < byHash(cleanKey(manifest.dt, manifest.runId, b)) ? -1 : 1,
    );
    const postings: unknown[] = [];
    let read = 0;
    for (const chunk of order) {
      if (postings.length >= sizes.cleanPostings) break;
      for (const line of await readVerifiedCleanChunk(store, manifest, chunk)) postings.push(line.posting);
      read += 1;
    }
    assert.ok(bodies.length > sizes.rawPages && read < chunks, `${bodies.length} pages, ${read} of ${chunks} chunks`);
    assert.deepEqual(assessed, {
      before: rawQualityReport(payloads, { now: NOW }),
      after: qualityReport(postings, { now: NOW, stage: 'clean' }),
      sample: {
        rawPages: sizes.rawPages,
        rawPagesTotal: bodies.length,
        cleanPostings: postings.length,
        cleanChunks: read,
        cleanChunksTotal: chunks,
      },
    });
    // And what the pipeline recorded for its own (default) sample.
    assert.deepEqual(manifest.stages.quality.assessment, await assessQuality(store, manifest, { now: NOW }));
  });

  it('fails naming a chunk cut in the middle of a line, keeps it, and the resume makes clean/ again', async () => {
    const first = await runPipeline(options());
    const original = first.manifest.stages.transform;
    // As if the run had stopped after the transform: quality and load still to do.
    const manifest = (await readManifest(store, first.runId))!;
    manifest.stages.quality.status = 'pending';
    manifest.stages.quality.assessment = null;
    await writeManifest(store, manifest, NOW);
    const key = cleanKey(first.manifest.dt, first.runId, 0);
    const bytes = Buffer.from(await store.get(key));
    await store.put(key, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const error = await runPipeline(options({ resumeRunId: first.runId })).then(
      () => assert.fail('the run should have failed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PipelineError, String(error));
    assert.equal(error.stage, 'quality');
    assert.ok(error.message.includes(key), error.message);
    assert.match(error.message, new RegExp(`jobbench run --resume ${first.runId}`));
    assert.ok(
      await store.head(`${quarantinePrefix(first.runId)}corrupt/${key}`),
      'the corrupt chunk is kept for inspection',
    );

    const repaired = await runPipeline(options({ resumeRunId: first.runId }));
    assert.equal(repaired.manifest.status, 'done');
    assert.deepEqual(
      {
        postings: repaired.manifest.stages.transform.postings,
        checksum: repaired.manifest.stages.transform.checksum,
        lost: repaired.verification.lost,
      },
      { postings: original.postings, checksum: original.checksum, lost: 0 },
    );
  });
});
