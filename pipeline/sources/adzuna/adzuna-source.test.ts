import assert from 'node:assert/strict';
import { AdzunaSource } from './adzuna-source.ts';
import { SourceFetchError } from '../http/fetch-error.ts';
import { cursorKey } from '../cursor-state.ts';
import { collect, FAST_POLICY, makeHarness, type Harness } from '../test-support/harness.ts';
import { startFakeAdzuna } from '../test-support/adzuna-server.ts';
import type { LocalServer } from '../test-support/local-server.ts';

const APP_ID = 'app-id-7f3a9c';
const APP_KEY = 'app-key-0d41e8b2c6';
const NEWEST = new Date('2026-11-27T09:00:00Z');

describe('AdzunaSource', () => {
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

  function source(policy = {}, extra = {}) {
    return new AdzunaSource({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server?.origin ?? 'http://127.0.0.1:9',
      queries: ['data scientist'],
      resultsPerPage: 50,
      policy: { ...FAST_POLICY, ...policy },
      sleep: harness.sleep,
      random: () => 0,
      ...extra,
    });
  }

  function searchRequests() {
    return (server?.requests ?? []).map((r) => new URL(r.url, 'http://local'));
  }

  it('pages until a page returns fewer results than asked, yielding each verbatim', async () => {
    server = await startFakeAdzuna({ total: 120, newest: NEWEST });
    const { pages, error } = await collect(source(), harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 3);
    assert.deepEqual(
      searchRequests().map((u) => u.pathname),
      ['/v1/api/jobs/fr/search/1', '/v1/api/jobs/fr/search/2', '/v1/api/jobs/fr/search/3'],
    );
    const first = searchRequests()[0] as URL;
    assert.equal(first.searchParams.get('what'), 'data scientist');
    assert.equal(first.searchParams.get('results_per_page'), '50');
    assert.equal(first.searchParams.get('max_days_old'), '30');
    assert.equal(first.searchParams.get('app_key'), APP_KEY); // sent to the API…
    for (const page of pages) {
      assert.equal(page.format, 'adzuna');
      assert.equal(page.ext, 'json');
      assert.equal(page.status, 200);
      assert.ok(
        page.url && !page.url.includes(APP_KEY) && !page.url.includes(APP_ID) && !/app_(key|id)=/.test(page.url),
      ); // …never stored
      assert.ok(typeof page.cursor === 'string');
    }
    assert.equal((JSON.parse(pages[2]?.body ?? '{}') as { results: unknown[] }).results.length, 20);
    const stats = source().stats();
    assert.equal(stats.requests, 0); // a new source starts from zero
  });

  it('stops at the count even when the last page is full', async () => {
    server = await startFakeAdzuna({ total: 100, newest: NEWEST });
    const { pages } = await collect(source(), harness.context());
    assert.equal(pages.length, 2);
    assert.equal(server.requests.length, 2);
  });

  it('stops cleanly with a warning when the daily quota would be exceeded', async () => {
    server = await startFakeAdzuna({ total: 500, newest: NEWEST });
    const adzuna = source({ dailyQuota: 2 });
    const { pages, error } = await collect(adzuna, harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 2);
    assert.equal(server.requests.length, 2);
    assert.ok(harness.events.some((e) => e.level === 'warn' && /daily quota of 2 requests is used up/.test(e.message)));
    // A second run the same day sends nothing at all.
    const again = await collect(source({ dailyQuota: 2 }), harness.context({ runId: 'run-2' }));
    assert.equal(again.error, null);
    assert.equal(again.pages.length, 0);
    assert.equal(server.requests.length, 2);
  });

  it('never lets the keys reach events, errors or RawPage.url, even when the server echoes them', async () => {
    server = await startFakeAdzuna({
      total: 80,
      newest: NEWEST,
      override: (page) =>
        page === 2
          ? { status: 401, body: `{"exception":"AUTH_FAIL","display":"Authorisation failed for app_key=${APP_KEY}"}` }
          : null,
    });
    const { pages, error } = await collect(source(), harness.context());
    assert.equal(pages.length, 1);
    assert.ok(error instanceof SourceFetchError);
    assert.match(error.message, /HTTP 401.*ADZUNA_APP_ID and ADZUNA_APP_KEY/);
    const everything = JSON.stringify({
      events: harness.events,
      message: error.message,
      url: error.url,
      pages: pages.map((p) => p.url),
    });
    assert.ok(!everything.includes(APP_KEY));
    assert.ok(!everything.includes(APP_ID));
  });

  it('fails with a clear error after N retries on 5xx, keeping the pages already yielded', async () => {
    server = await startFakeAdzuna({
      total: 200,
      newest: NEWEST,
      override: (page) => (page === 2 ? { status: 503, body: 'maintenance' } : null),
    });
    const adzuna = source({ retries: 3 });
    const { pages, error } = await collect(adzuna, harness.context());
    assert.equal(pages.length, 1);
    assert.ok(error instanceof SourceFetchError);
    assert.match(
      error.message,
      /^adzuna: GET http:\/\/127\.0\.0\.1:\d+\/v1\/api\/jobs\/fr\/search\/2\?what=data\+scientist.* answered HTTP 503 \(gave up after 4 attempts\)$/,
    );
    assert.equal(server.requestsTo('/v1/api/jobs/fr/search/2').length, 4);
    assert.deepEqual(harness.sleeps, [500, 1000, 2000]);
    assert.deepEqual(adzuna.stats(), {
      requests: 5,
      refusedByRobots: 0,
      throttled: 0,
      retries: 3,
      failures: 1,
      tooLarge: 0,
      redirectsRefused: 0,
      invalidUtf8: 0,
    });
  });

  it('honours Retry-After on 429 and carries on', async () => {
    server = await startFakeAdzuna({
      total: 60,
      newest: NEWEST,
      override: (page, attempt) =>
        page === 2 && attempt === 1 ? { status: 429, headers: { 'retry-after': '12' } } : null,
    });
    const adzuna = source();
    const { pages, error } = await collect(adzuna, harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 2);
    assert.deepEqual(harness.sleeps, [12_000]);
    assert.equal(adzuna.stats().throttled, 1);
  });

  it('yields nothing for an empty result, without error', async () => {
    server = await startFakeAdzuna({ total: 0, newest: NEWEST });
    const { pages, error } = await collect(source(), harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 0);
    assert.equal(server.requests.length, 1);
    assert.ok(harness.events.some((e) => e.level === 'info' && /no results/.test(e.message)));
  });

  it('a second run asks only for what is new (max_days_old from the cursor, stops at known postings)', async () => {
    server = await startFakeAdzuna({ total: 120, newest: NEWEST });
    await collect(source(), harness.context());
    const state = JSON.parse(Buffer.from(await harness.store.get(cursorKey('adzuna'))).toString('utf8')) as {
      queries: Record<string, { newestPostedAt: string }>;
      inFlight: unknown;
    };
    assert.equal(state.queries['data scientist']?.newestPostedAt, '2026-11-27T09:00:00Z');
    assert.equal(state.inFlight, null);
    const before = server.requests.length;
    // Two days later: ask 2026-11-27T09:00 → 2026-11-30T12:00, i.e. ceil(3.13) + 1 = 5 days.
    const later = await makeHarness(new Date('2026-11-30T12:00:00Z'));
    try {
      const run2 = await collect(source(), { ...later.context({ runId: 'run-2' }), store: harness.store });
      assert.equal(run2.error, null);
      const asked = searchRequests().slice(before);
      assert.equal(asked.length, 1, 'the first page already reaches known postings');
      assert.equal(asked[0]?.searchParams.get('max_days_old'), '5');
    } finally {
      await later.cleanup();
    }
  });

  it('resumes after the page named by resumeCursor', async () => {
    server = await startFakeAdzuna({ total: 140, newest: NEWEST });
    const first = await collect(source(), harness.context());
    assert.equal(first.pages.length, 3);
    const resumeCursor = first.pages[0]?.cursor ?? null;
    const before = server.requests.length;
    const resumed = await collect(source(), harness.context({ runId: 'run-1', resumeCursor }));
    assert.equal(resumed.error, null);
    assert.deepEqual(
      searchRequests()
        .slice(before)
        .map((u) => u.pathname),
      ['/v1/api/jobs/fr/search/2', '/v1/api/jobs/fr/search/3'],
    );
    assert.deepEqual(
      resumed.pages.map((p) => p.body),
      first.pages.slice(1).map((p) => p.body),
    );
  });

  it('writes the in-flight cursor only after the consumer pulls the next page', async () => {
    server = await startFakeAdzuna({ total: 120, newest: NEWEST });
    const iterator = source().pages(harness.context())[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.equal(first.done, false);
    assert.equal(await harness.store.head(cursorKey('adzuna')), null, 'nothing recorded before the page is stored');
    await iterator.next();
    const state = JSON.parse(Buffer.from(await harness.store.get(cursorKey('adzuna'))).toString('utf8')) as {
      inFlight: { token: string };
    };
    assert.equal(state.inFlight.token, first.value?.cursor);
    await iterator.return?.();
  });
});
