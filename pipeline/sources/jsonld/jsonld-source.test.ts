import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { JsonLdSource } from './jsonld-source.ts';
import { parseSitemap, SitemapError } from './sitemap.ts';
import { DEFAULT_JOB_URL_PATTERN, extractJobLinks } from './listing-links.ts';
import { collect, FAST_POLICY, makeHarness, type Harness } from '../test-support/harness.ts';
import { fixture } from '../test-support/fixtures.ts';
import { send, startLocalServer, type LocalServer, type RecordedRequest } from '../test-support/local-server.ts';
import type { ServerResponse } from 'node:http';
import { refusalKey, type Refusal } from '../refusal-log.ts';

describe('JsonLdSource', () => {
  let harness: Harness;
  let server: LocalServer | null = null;

  beforeEach(async () => {
    harness = await makeHarness(new Date('2026-11-28T12:00:00Z'));
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await harness.cleanup();
  });

  /** A career site: robots.txt, a sitemap index with a plain and a gzipped sitemap, a listing page, job pages. */
  async function startSite(
    custom?: (req: RecordedRequest, res: ServerResponse, origin: string) => boolean,
  ): Promise<LocalServer> {
    let origin = '';
    const s = await startLocalServer((req, res) => {
      if (custom?.(req, res, origin)) return;
      const path = req.url;
      if (path === '/robots.txt') return send(res, 200, fixture('jsonld/robots.txt'), 'text/plain');
      if (path === '/sitemap_index.xml')
        return send(res, 200, fixture('jsonld/sitemap-index.xml', origin), 'application/xml');
      if (path === '/sitemap-jobs-1.xml')
        return send(res, 200, fixture('jsonld/sitemap-jobs-1.xml', origin), 'application/xml');
      if (path === '/sitemap-jobs-2.xml.gz') {
        res.writeHead(200, { 'content-type': 'application/gzip' });
        return res.end(gzipSync(fixture('jsonld/sitemap-jobs-2.xml', origin)));
      }
      if (path === '/broken-sitemap.xml')
        return send(res, 200, fixture('jsonld/malformed-sitemap.xml', origin), 'application/xml');
      if (path === '/careers') return send(res, 200, fixture('jsonld/listing.html'), 'text/html; charset=utf-8');
      if (path.startsWith('/jobs/') || path.startsWith('/private/'))
        return send(
          res,
          200,
          fixture('jsonld/job-page.html').replace('Data Scientist', `Job ${path}`),
          'text/html; charset=utf-8',
        );
      return send(res, 404, 'not found', 'text/plain');
    });
    origin = s.origin;
    return s;
  }

  function source(seeds: string[], extra = {}) {
    return new JsonLdSource({ seeds, policy: FAST_POLICY, sleep: harness.sleep, random: () => 0, ...extra });
  }
  const jobRequests = () =>
    (server?.requests ?? [])
      .filter((r) => r.url.startsWith('/jobs/') || r.url.startsWith('/private/'))
      .map((r) => r.url);

  it('discovers job pages through a sitemap index (plain and gzipped children) and yields them verbatim', async () => {
    server = await startSite();
    const jsonld = source([`${server.origin}/sitemap_index.xml`]);
    const { pages, error } = await collect(jsonld, harness.context());
    assert.equal(error, null);
    assert.deepEqual(
      pages.map((p) => p.url),
      [
        `${server.origin}/jobs/data-scientist-paris`,
        `${server.origin}/jobs/data-engineer-lyon`,
        `${server.origin}/jobs/ml-engineer-nantes`,
      ],
    );
    for (const page of pages) {
      assert.equal(page.format, 'jsonld');
      assert.equal(page.ext, 'html');
      assert.equal(page.status, 200);
      assert.match(page.body, /application\/ld\+json/);
    }
    // The other host's URL is dropped; /private/ is refused by robots.txt, counted, never fetched.
    assert.deepEqual(jobRequests(), [
      '/jobs/data-scientist-paris',
      '/jobs/data-engineer-lyon',
      '/jobs/ml-engineer-nantes',
    ]);
    assert.equal(jsonld.stats().refusedByRobots, 1);
    assert.equal(server.requestsTo('/robots.txt').length, 1);
  });

  it('discovers job links on a listing page (same host, job URL pattern, no duplicates)', async () => {
    server = await startSite();
    const { pages, error } = await collect(source([`${server.origin}/careers`]), harness.context());
    assert.equal(error, null);
    assert.deepEqual(
      pages.map((p) => p.url),
      [`${server.origin}/jobs/data-scientist-paris`, `${server.origin}/jobs/data-analyst-bordeaux`],
    );
  });

  it('reports a malformed sitemap as an error event and goes on with the other seeds', async () => {
    server = await startSite();
    const { pages, error } = await collect(
      source([`${server.origin}/broken-sitemap.xml`, `${server.origin}/careers`]),
      harness.context(),
    );
    assert.equal(error, null);
    assert.equal(pages.length, 2);
    const problem = harness.events.find(
      (e) => e.level === 'error' && /broken-sitemap\.xml cannot be read: malformed XML at line \d+/.test(e.message),
    );
    assert.ok(problem, JSON.stringify(harness.events));
  });

  it('robots.txt answering 500 blocks the whole host', async () => {
    server = await startSite((req, res) => {
      if (req.url !== '/robots.txt') return false;
      send(res, 500, 'oops', 'text/plain');
      return true;
    });
    const jsonld = source([`${server.origin}/sitemap_index.xml`]);
    const { pages, error } = await collect(jsonld, harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 0);
    assert.deepEqual(
      server.requests.map((r) => r.url),
      ['/robots.txt'],
    );
    assert.equal(jsonld.stats().refusedByRobots, 1);
  });

  it('robots.txt answering 404 allows everything (even /private/)', async () => {
    server = await startSite((req, res) => {
      if (req.url !== '/robots.txt') return false;
      send(res, 404, 'no', 'text/plain');
      return true;
    });
    const { pages } = await collect(source([`${server.origin}/sitemap_index.xml`]), harness.context());
    assert.equal(pages.length, 4);
    assert.ok(jobRequests().includes('/private/jobs/internal-only'));
  });

  it('a second run skips pages already collected', async () => {
    server = await startSite();
    await collect(source([`${server.origin}/sitemap-jobs-1.xml`]), harness.context());
    assert.equal(jobRequests().length, 2);
    const again = await collect(source([`${server.origin}/sitemap-jobs-1.xml`]), harness.context({ runId: 'run-2' }));
    assert.equal(again.pages.length, 0);
    assert.equal(jobRequests().length, 2);
  });

  it('fetches a page again when its sitemap lastmod moves forward', async () => {
    let lastmod = '2026-11-26';
    server = await startSite((req, res, origin) => {
      if (req.url !== '/sitemap-jobs-1.xml') return false;
      send(
        res,
        200,
        fixture('jsonld/sitemap-jobs-1.xml', origin).replace(
          '<lastmod>2026-11-26</lastmod>',
          `<lastmod>${lastmod}</lastmod>`,
        ),
        'application/xml',
      );
      return true;
    });
    await collect(source([`${server.origin}/sitemap-jobs-1.xml`]), harness.context());
    lastmod = '2026-11-28T09:00:00Z';
    const again = await collect(source([`${server.origin}/sitemap-jobs-1.xml`]), harness.context({ runId: 'run-2' }));
    assert.deepEqual(
      again.pages.map((p) => p.url),
      [`${server.origin}/jobs/data-scientist-paris`],
    );
  });

  it('resumes without fetching the page named by resumeCursor again', async () => {
    server = await startSite();
    const seed = [`${server.origin}/sitemap-jobs-1.xml`];
    const iterator = source(seed).pages(harness.context())[Symbol.asyncIterator]();
    const first = await iterator.next(); // stored by the consumer, then the run dies before pulling again
    await iterator.return?.();
    const resumed = await collect(source(seed), harness.context({ resumeCursor: first.value?.cursor ?? null }));
    assert.deepEqual(
      resumed.pages.map((p) => p.url),
      [`${server.origin}/jobs/data-engineer-lyon`],
    );
  });

  it('fetches again, first, the pages a repair lost (refetchUrls), even though it collected them', async () => {
    server = await startSite();
    const seed = [`${server.origin}/sitemap-jobs-1.xml`];
    const first = await collect(source(seed), harness.context());
    assert.equal(first.pages.length, 2);
    // Page 1's raw copy was corrupt and removed: the resumed extract of the same run asks for it again.
    const lost = first.pages[1]!.url!;
    const repaired = await collect(
      source(seed, { maxPagesPerRun: 1 }),
      harness.context({ resumeCursor: first.pages[0]!.cursor, refetchUrls: [lost] }),
    );
    assert.deepEqual(
      repaired.pages.map((p) => p.url),
      [lost],
    );
    assert.equal(jobRequests().length, 3);
  });

  it('caps the pages fetched per run', async () => {
    server = await startSite();
    const { pages } = await collect(
      source([`${server.origin}/sitemap_index.xml`], { maxPagesPerRun: 1 }),
      harness.context(),
    );
    assert.equal(pages.length, 1);
  });

  it('a failing job page is logged and skipped; the run goes on', async () => {
    server = await startSite((req, res) => {
      if (req.url !== '/jobs/data-scientist-paris') return false;
      send(res, 503, 'busy', 'text/plain');
      return true;
    });
    const jsonld = source([`${server.origin}/sitemap-jobs-1.xml`]);
    const { pages, error } = await collect(jsonld, harness.context());
    assert.equal(error, null);
    assert.deepEqual(
      pages.map((p) => p.url),
      [`${server.origin}/jobs/data-engineer-lyon`],
    );
    assert.equal(jsonld.stats().failures, 1);
    assert.ok(harness.events.some((e) => e.level === 'error' && /HTTP 503/.test(e.message)));
  });

  describe('size caps', () => {
    const SITEMAP_CAP = 256 * 1024;
    /** What the run recorded in the lake as refused. */
    const refusals = async () =>
      JSON.parse(Buffer.from(await harness.store.get(refusalKey('jsonld', 'run-1'))).toString('utf8')) as Refusal[];

    it('a gzip-bomb sitemap stops at the decompressed cap: skipped with the reason, counted, the other seeds go on', async () => {
      let bombSize = 0;
      server = await startSite((req, res, origin) => {
        if (req.url !== '/bomb.xml.gz') return false;
        const entry = `<url><loc>${origin}/jobs/same-again</loc></url>`;
        const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entry.repeat(Math.ceil((64 * 1024 * 1024) / entry.length))}</urlset>`;
        const body = gzipSync(xml, { level: 9 });
        bombSize = body.length;
        res.writeHead(200, { 'content-type': 'application/gzip' });
        res.end(body);
        return true;
      });
      const jsonld = source([`${server.origin}/bomb.xml.gz`, `${server.origin}/sitemap-jobs-1.xml`], {
        policy: { ...FAST_POLICY, maxSitemapBytes: SITEMAP_CAP },
      });
      const { pages, error } = await collect(jsonld, harness.context());
      assert.equal(error, null);
      assert.ok(bombSize < SITEMAP_CAP, 'the compressed file itself passes the fetch cap');
      assert.deepEqual(
        pages.map((p) => p.url),
        [`${server.origin}/jobs/data-scientist-paris`, `${server.origin}/jobs/data-engineer-lyon`],
      );
      assert.equal(jsonld.stats().tooLarge, 1);
      assert.ok(
        harness.events.some(
          (e) =>
            e.level === 'error' &&
            /bomb\.xml\.gz cannot be read: decompressed sitemap larger than 262144 bytes/.test(e.message),
        ),
        JSON.stringify(harness.events),
      );
      assert.deepEqual(
        (await refusals()).map((r) => [r.url, r.code, r.reason]),
        [
          [
            `${server.origin}/bomb.xml.gz`,
            'too-large',
            `sitemap ${server.origin}/bomb.xml.gz: decompressed sitemap larger than 262144 bytes`,
          ],
        ],
      );
    });

    it('a job page over the response cap is refused with the reason and not yielded; the run goes on', async () => {
      server = await startSite((req, res) => {
        if (req.url !== '/jobs/data-scientist-paris') return false;
        send(res, 200, `<html>${'x'.repeat(2 * 1024 * 1024)}</html>`, 'text/html');
        return true;
      });
      const jsonld = source([`${server.origin}/sitemap-jobs-1.xml`], {
        policy: { ...FAST_POLICY, maxResponseBytes: 1024 * 1024 },
      });
      const { pages, error } = await collect(jsonld, harness.context());
      assert.equal(error, null);
      assert.deepEqual(
        pages.map((p) => p.url),
        [`${server.origin}/jobs/data-engineer-lyon`],
      );
      assert.equal(jsonld.stats().tooLarge, 1);
      assert.ok(
        harness.events.some(
          (e) =>
            e.level === 'error' && /data-scientist-paris: response larger than 1048576 bytes, not kept/.test(e.message),
        ),
        JSON.stringify(harness.events),
      );
      const [refusal] = await refusals();
      assert.equal(refusal?.url, `${server.origin}/jobs/data-scientist-paris`);
      assert.match(refusal?.reason ?? '', /response larger than 1048576 bytes/);
    });

    it('seeds are fetched under the sitemap cap, not the smaller page cap', async () => {
      server = await startSite();
      const jsonld = source([`${server.origin}/sitemap-jobs-1.xml`], {
        policy: { ...FAST_POLICY, maxResponseBytes: 300, maxSitemapBytes: SITEMAP_CAP },
      });
      const { error } = await collect(jsonld, harness.context());
      assert.equal(error, null);
      assert.ok(server.requestsTo('/sitemap-jobs-1.xml').length === 1);
      assert.ok(
        !harness.events.some((e) => /sitemap-jobs-1\.xml.*larger than/.test(e.message)),
        JSON.stringify(harness.events),
      );
    });
  });
});

describe('sitemap and listing parsing', () => {
  it('parses urlset and sitemapindex, and rejects malformed XML with a position', () => {
    const urlset = parseSitemap(Buffer.from(fixture('jsonld/sitemap-jobs-1.xml', 'https://a.test')));
    assert.equal(urlset.kind, 'urlset');
    assert.deepEqual(urlset.kind === 'urlset' ? urlset.urls[0] : null, {
      loc: 'https://a.test/jobs/data-scientist-paris',
      lastmod: '2026-11-26',
    });
    const index = parseSitemap(gzipSync(fixture('jsonld/sitemap-index.xml', 'https://a.test')));
    assert.equal(index.kind === 'sitemapindex' ? index.sitemaps.length : -1, 2);
    assert.throws(() => parseSitemap(Buffer.from(fixture('jsonld/malformed-sitemap.xml'))), SitemapError);
    assert.throws(
      () => parseSitemap(Buffer.from('<html><body>hi</body></html>')),
      /neither a <urlset> nor a <sitemapindex>/,
    );
    const empty = parseSitemap(
      Buffer.from('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'),
    );
    assert.deepEqual(empty, { kind: 'urlset', urls: [] });
  });

  it('extracts same-host job links, resolved and deduplicated', () => {
    const links = extractJobLinks(
      fixture('jsonld/listing.html'),
      'https://site.test/fr/careers',
      DEFAULT_JOB_URL_PATTERN,
    );
    assert.deepEqual(links, [
      'https://site.test/jobs/data-scientist-paris',
      'https://site.test/fr/jobs/data-analyst-bordeaux',
    ]);
  });
});
