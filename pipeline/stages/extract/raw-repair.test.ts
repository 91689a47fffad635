/**
 * Repairing a corrupt raw page of a source that remembers what it fetched (jsonld keeps
 * `seen` in the lake's state/): the resumed extract must fetch the lost pages again, or
 * their postings would be lost while the run reports ok.
 */
import assert from 'node:assert/strict';
import type { Warehouse } from '../../../providers/core/index.ts';
import type { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { rawKey, rawMetaKey } from '../../lake/lake-layout.ts';
import { readManifest, writeManifest } from '../../lake/run-manifest.ts';
import { resetTransform } from '../transform/transform-stage.ts';
import { PipelineError, runPipeline, type PipelineOptions } from '../../run-pipeline.ts';
import { JsonLdSource } from '../../sources/jsonld/jsonld-source.ts';
import { fixture } from '../../sources/test-support/fixtures.ts';
import { FAST_POLICY } from '../../sources/test-support/harness.ts';
import { send, startLocalServer, type LocalServer } from '../../sources/test-support/local-server.ts';
import { freshLocalLake } from '../../../test/support/local-lake.ts';
import { needs } from '../../../test/support/needs.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');

describe('raw page repair on a source that remembers what it fetched (jsonld)', function () {
  this.timeout(60_000);
  let store: FsObjectStore;
  let warehouse: Warehouse;
  let site: LocalServer;

  before(function () {
    needs(this, 'whole-runs');
  });
  const lake = freshLocalLake('raw-repair', { batchSize: 40 });
  beforeEach(async () => {
    ({ store, warehouse } = lake);
    let origin = '';
    site = await startLocalServer((req, res) => {
      if (req.url === '/robots.txt') return send(res, 200, fixture('jsonld/robots.txt'), 'text/plain');
      if (req.url === '/sitemap-jobs-1.xml')
        return send(res, 200, fixture('jsonld/sitemap-jobs-1.xml', origin), 'application/xml');
      if (req.url.startsWith('/jobs/')) {
        // One posting per page: its own title and identifier.
        const page = fixture('jsonld/job-page.html')
          .replace('Data Scientist', `Job ${req.url}`)
          .replace('DS-2026-114', `DS-${req.url.slice(6)}`);
        return send(res, 200, page, 'text/html; charset=utf-8');
      }
      return send(res, 404, 'not found', 'text/plain');
    });
    origin = site.origin;
  });
  afterEach(async () => {
    await site.close();
  });

  const options = (overrides: Partial<PipelineOptions> = {}): PipelineOptions => ({
    store,
    warehouse,
    sources: [new JsonLdSource({ seeds: [`${site.origin}/sitemap-jobs-1.xml`], policy: FAST_POLICY, random: () => 0 })],
    workload: { sources: ['jsonld'], scale: 0, seed: 0 },
    env: {},
    now: () => NOW,
    transformWorkers: 0,
    ...overrides,
  });

  /** Only the transform re-reads raw pages: the run set back to it, as a crash after the extract would leave it. */
  async function rewindToTransform(runId: string): Promise<void> {
    const manifest = (await readManifest(store, runId))!;
    resetTransform(manifest);
    await writeManifest(store, manifest, NOW);
  }

  /** The resumed run, which must fail in the transform. */
  async function failedTransform(runId: string): Promise<PipelineError> {
    const failed = await runPipeline(options({ resumeRunId: runId })).then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(failed instanceof PipelineError && failed.stage === 'transform', String(failed));
    return failed;
  }

  it('fetches the corrupt page again on resume, and the repaired run holds every posting', async () => {
    const first = await runPipeline(options());
    const postings = first.manifest.stages.transform.postings;
    assert.equal(postings, 2);
    const page = rawKey('jsonld', first.manifest.dt, first.runId, 0, 'html');
    const lostUrl = (
      JSON.parse(
        Buffer.from(await store.get(rawMetaKey('jsonld', first.manifest.dt, first.runId, 0))).toString('utf8'),
      ) as { url: string }
    ).url;
    const bytes = Buffer.from(await store.get(page));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    await store.put(page, bytes);
    await rewindToTransform(first.runId);

    const failed = await failedTransform(first.runId);
    assert.ok(failed.message.includes(page), failed.message);

    const repaired = await runPipeline(options({ resumeRunId: first.runId }));
    assert.equal(repaired.manifest.status, 'done');
    assert.equal(
      site.requests.filter((r) => r.url === new URL(lostUrl).pathname).length,
      2,
      'the lost page was fetched again',
    );
    assert.equal(repaired.manifest.stages.transform.postings, postings, 'and its posting is back');
    assert.equal(repaired.verification.lost, 0);
    assert.equal(
      repaired.manifest.stages.extract.sources.jsonld?.refetchUrls,
      undefined,
      'nothing left to fetch again',
    );
  });

  it('says so when a lost page cannot be named to the source (its meta is gone)', async () => {
    const first = await runPipeline(options());
    await store.delete(rawMetaKey('jsonld', first.manifest.dt, first.runId, 1));
    await rewindToTransform(first.runId);

    const failed = await failedTransform(first.runId);
    assert.match(failed.message, /The URL of page 1 of source "jsonld" is unknown/);
    assert.match(failed.message, /postings will be missing from the repaired run/);
  });
});
