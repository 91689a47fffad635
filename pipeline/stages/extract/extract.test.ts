import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProviderError, type ObjectStore } from '../../../providers/core/index.ts';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { ForwardingStore } from '../../../test/support/forwarding-store.ts';
import { extract } from './extract.ts';
import { rawMetaKey } from '../../lake/lake-layout.ts';
import { newManifest } from '../../lake/run-manifest.ts';
import { createSampleSource } from '../../sources/sample/index.ts';
import { JsonLdSource } from '../../sources/jsonld/jsonld-source.ts';
import { FAST_POLICY } from '../../sources/test-support/harness.ts';
import { send, startLocalServer, type LocalServer } from '../../sources/test-support/local-server.ts';
import type { RawPageMeta } from './extract.ts';
import { refusalKey, type Refusal } from '../../sources/refusal-log.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');

/**
 * The real file store, with writes of chosen pages slowed down or failing: puts then
 * finish out of order, as they do with several in flight against a real lake.
 */
class UnevenStore extends ForwardingStore {
  constructor(
    inner: ObjectStore,
    private readonly slowPages: ReadonlySet<number>,
    private readonly failingPage: number | null,
  ) {
    super(inner);
  }
  private page(key: string): number | null {
    const match = /\/(\d+)\.(?:meta\.json|json|html)$/.exec(key);
    return match ? Number(match[1]) : null;
  }
  override async put(key: string, body: Uint8Array | string, options?: Parameters<ObjectStore['put']>[2]) {
    const n = this.page(key);
    if (n !== null && n === this.failingPage)
      throw ProviderError.because('test', 'store.put', 'unavailable', 'injected failure');
    if (n !== null && this.slowPages.has(n)) await new Promise((resolve) => setTimeout(resolve, 40));
    return this.inner.put(key, body, options);
  }
}

describe('extract with several pages stored at once', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-extract-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (store: ObjectStore, concurrency: number) => {
    const manifest = newManifest({
      runId: '20261128T100000Z-abcdef',
      dt: '2026-11-28',
      startedAt: NOW.toISOString(),
      workload: { sources: ['sample'], scale: 600, seed: 3 },
    });
    const info = await extract({
      store,
      manifest,
      env: {},
      now: () => NOW,
      checkpoint: async () => undefined,
      concurrency,
      checkpointEvery: 5,
      sources: [createSampleSource({ scale: 600, seed: 3, now: () => NOW })],
    });
    return { info, checkpoint: manifest.stages.extract.sources.sample! };
  };

  it('stores the same pages and bytes as one at a time, even when puts finish out of order', async function () {
    const serial = await run(new FsObjectStore(path.join(dir, 'a')), 1);
    const uneven = await run(new UnevenStore(new FsObjectStore(path.join(dir, 'b')), new Set([0, 3, 4, 9]), null), 6);
    assert.equal(uneven.checkpoint.status, 'done');
    assert.equal(uneven.info.pages, serial.info.pages);
    assert.equal(uneven.info.bytes, serial.info.bytes);
    assert.equal(uneven.checkpoint.lastCursor, serial.checkpoint.lastCursor);
  });

  it('counts only the contiguous stored pages when a put fails, so a resume starts at the gap', async function () {
    const inner = new FsObjectStore(path.join(dir, 'c'));
    const failed = await run(new UnevenStore(inner, new Set([1, 2]), 7), 4);
    assert.equal(failed.checkpoint.status, 'failed');
    assert.equal(failed.checkpoint.pages, 7);
    assert.equal(failed.checkpoint.lastCursor, '6');
    assert.equal(await inner.head(rawMetaKey('sample', '2026-11-28', '20261128T100000Z-abcdef', 7)), null);
    // A resumed extract fills the gap and ends with every page.
    const resumed = await run(inner, 4);
    const serial = await run(new FsObjectStore(path.join(dir, 'd')), 1);
    assert.equal(resumed.checkpoint.status, 'done');
    assert.equal(resumed.checkpoint.pages, serial.checkpoint.pages);
  });
});

describe('extract from a site that redirects', function () {
  let dir: string;
  const servers: LocalServer[] = [];
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-extract-'));
  });
  afterEach(async function () {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('files a page under the URL asked for with the final URL in its metadata, and stores nothing from another origin', async function () {
    const other = await startLocalServer((_req, res) => send(res, 200, '<html>someone else</html>', 'text/html'));
    servers.push(other);
    let origin = '';
    const site = await startLocalServer((req, res) => {
      const moved = (location: string) => {
        res.writeHead(301, { location });
        res.end();
      };
      if (req.url === '/robots.txt') return send(res, 404, '', 'text/plain');
      if (req.url === '/sitemap.xml') {
        const urls = ['/jobs/a', '/jobs/b', '/jobs/c'].map((p) => `<url><loc>${origin}${p}</loc></url>`).join('');
        return send(
          res,
          200,
          `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`,
          'application/xml',
        );
      }
      if (req.url === '/jobs/a') return moved('/jobs/a-renamed');
      if (req.url === '/jobs/b') return moved(`${other.origin}/jobs/b`);
      return send(res, 200, `<html>${req.url}</html>`, 'text/html');
    });
    servers.push(site);
    origin = site.origin;
    const store = new FsObjectStore(dir);
    const manifest = newManifest({
      runId: '20261128T100000Z-abcdef',
      dt: '2026-11-28',
      startedAt: NOW.toISOString(),
      workload: { sources: ['jsonld'], scale: 1, seed: 1 },
    });
    const info = await extract({
      store,
      manifest,
      env: {},
      now: () => NOW,
      checkpoint: async () => undefined,
      sources: [
        new JsonLdSource({
          seeds: [`${origin}/sitemap.xml`],
          policy: FAST_POLICY,
          sleep: async () => undefined,
          random: () => 0,
        }),
      ],
    });
    const checkpoint = manifest.stages.extract.sources.jsonld!;
    assert.equal(checkpoint.status, 'done');
    assert.equal(info.pages, 2);
    assert.equal(checkpoint.stats.redirectsRefused, 1);
    const refused = JSON.parse(
      Buffer.from(await store.get(refusalKey('jsonld', manifest.runId))).toString('utf8'),
    ) as Refusal[];
    assert.deepEqual(
      refused.map((r) => [r.url, r.code]),
      [[`${origin}/jobs/b`, 'redirect-refused']],
    );
    assert.match(refused[0]?.reason ?? '', /redirected to another origin/);
    assert.deepEqual(other.requests, []);
    const metas = await Promise.all(
      [0, 1].map(
        async (n) =>
          JSON.parse(
            Buffer.from(await store.get(rawMetaKey('jsonld', '2026-11-28', manifest.runId, n))).toString('utf8'),
          ) as RawPageMeta,
      ),
    );
    assert.deepEqual(
      metas.map((m) => [m.url, m.finalUrl]),
      [
        [`${origin}/jobs/a`, `${origin}/jobs/a-renamed`],
        [`${origin}/jobs/c`, `${origin}/jobs/c`],
      ],
    );
  });
});
