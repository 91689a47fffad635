import assert from 'node:assert/strict';
import { ConfigurationError } from '../../errors.ts';
import { WttjSource, WTTJ_JOB_URL_PATTERN } from './wttj-source.ts';
import { collect, FAST_POLICY, makeHarness, type Harness } from '../test-support/harness.ts';
import { fixture } from '../test-support/fixtures.ts';
import { send, startLocalServer, type LocalServer } from '../test-support/local-server.ts';
import { PoliteFetcher } from '../http/polite-fetcher.ts';
import { SourceFetchError } from '../http/fetch-error.ts';
import { resolvePolicy } from '../policies.ts';
import { emptyStats } from '../source.ts';

describe('WttjSource', () => {
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

  async function startWttj(): Promise<LocalServer> {
    let origin = '';
    const s = await startLocalServer((req, res) => {
      if (req.url === '/robots.txt') return send(res, 200, fixture('wttj/robots.txt'), 'text/plain');
      if (req.url === '/sitemap.xml') return send(res, 200, fixture('wttj/sitemap.xml', origin), 'application/xml');
      if (/^\/fr\/companies\/[^/]+\/jobs\//.test(req.url))
        return send(res, 200, fixture('jsonld/job-page.html'), 'text/html; charset=utf-8');
      return send(res, 200, '<html><body>listing</body></html>', 'text/html');
    });
    origin = s.origin;
    return s;
  }

  it('refuses to run without the explicit opt-in, with a sentence saying how to opt in', async () => {
    const wttj = new WttjSource({ origin: 'http://127.0.0.1:9' });
    assert.deepEqual(wttj.requiredEnv, ['JOBBENCH_WTTJ_ACKNOWLEDGE']);
    const { pages, error } = await collect(wttj, harness.context({ env: { JOBBENCH_WTTJ_ACKNOWLEDGE: 'maybe' } }));
    assert.equal(pages.length, 0);
    assert.ok(error instanceof ConfigurationError);
    assert.match(error.message, /opt-in.*JOBBENCH_WTTJ_ACKNOWLEDGE=yes/);
  });

  it('with the opt-in, discovers job pages through the sitemap only and yields them as jsonld', async () => {
    server = await startWttj();
    const wttj = new WttjSource({ origin: server.origin, policy: FAST_POLICY, sleep: harness.sleep });
    const { pages, error } = await collect(wttj, harness.context({ env: { JOBBENCH_WTTJ_ACKNOWLEDGE: 'yes' } }));
    assert.equal(error, null);
    assert.deepEqual(
      pages.map((p) => new URL(p.url ?? '').pathname),
      ['/fr/companies/exemple/jobs/data-scientist_paris', '/fr/companies/exemple/jobs/data-engineer_lyon'],
    );
    assert.ok(pages.every((p) => p.format === 'jsonld' && p.ext === 'html'));
    assert.deepEqual(server.requests.map((r) => r.url).slice(0, 2), ['/robots.txt', '/sitemap.xml']);
  });

  it('refuses a search URL with a query string (robots.txt Disallow: /*?) and counts it', async () => {
    server = await startWttj();
    const search = `${server.origin}/fr/jobs?query=data%20scientist&page=1`;
    const wttj = new WttjSource({
      origin: server.origin,
      seeds: [search],
      policy: FAST_POLICY,
      sleep: harness.sleep,
      acknowledged: true,
    });
    const { pages, error } = await collect(wttj, harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 0);
    assert.equal(wttj.stats().refusedByRobots, 1);
    assert.ok(!server.requests.some((r) => r.url.startsWith('/fr/jobs')), 'the search page is never requested');
    assert.ok(harness.events.some((e) => e.level === 'warn' && /robots\.txt forbids/.test(e.message)));
    // The same holds for any direct request through the wttj policy.
    const fetcher = new PoliteFetcher({
      source: 'wttj',
      policy: resolvePolicy('wttj', FAST_POLICY),
      stats: emptyStats(),
      log: () => {},
      now: () => new Date(),
      store: harness.store,
    });
    await assert.rejects(
      fetcher.request(search),
      (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
    );
  });

  it('reuses the sitemap from the lake within a day and never refetches collected pages', async () => {
    server = await startWttj();
    const make = () =>
      new WttjSource({ origin: server?.origin ?? '', policy: FAST_POLICY, sleep: harness.sleep, acknowledged: true });
    await collect(make(), harness.context());
    const second = await collect(make(), harness.context({ runId: 'run-2' }));
    assert.equal(second.pages.length, 0);
    assert.equal(server.requestsTo('/sitemap.xml').length, 1);
    assert.equal(server.requests.filter((r) => r.url.includes('/jobs/')).length, 2);
  });

  it('keeps listing pages out: a seed that is not a sitemap is an error event', async () => {
    server = await startWttj();
    const wttj = new WttjSource({
      origin: server.origin,
      seeds: [`${server.origin}/fr/companies/exemple`],
      policy: FAST_POLICY,
      acknowledged: true,
    });
    const { pages, error } = await collect(wttj, harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 0);
    assert.ok(harness.events.some((e) => e.level === 'error' && /not a sitemap/.test(e.message)));
  });

  it('matches job pages only', () => {
    assert.ok(WTTJ_JOB_URL_PATTERN.test('/fr/companies/acme/jobs/data-engineer_paris'));
    assert.ok(!WTTJ_JOB_URL_PATTERN.test('/fr/companies/acme'));
    assert.ok(!WTTJ_JOB_URL_PATTERN.test('/fr/jobs?query=data'));
  });
});
