import assert from 'node:assert/strict';
import { emptyStats } from '../source.ts';
import { resolvePolicy, type SourcePolicy } from '../policies.ts';
import { PoliteFetcher } from './polite-fetcher.ts';
import { SourceFetchError } from './fetch-error.ts';
import { DailyQuota } from './daily-quota.ts';
import { USER_AGENT } from './user-agent.ts';
import { makeHarness, testFetcher, FAST_POLICY, type Harness } from '../test-support/harness.ts';
import { send, startLocalServer, type Handler, type LocalServer } from '../test-support/local-server.ts';

describe('PoliteFetcher', () => {
  let harness: Harness;
  let server: LocalServer | null = null;
  const now = new Date('2026-11-28T12:00:00Z');

  beforeEach(async () => {
    harness = await makeHarness(now);
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await harness.cleanup();
  });

  async function serve(handler: Handler): Promise<LocalServer> {
    server = await startLocalServer(handler);
    return server;
  }

  const fetcher = (policy: Partial<SourcePolicy> = {}, name: 'adzuna' | 'jsonld' = 'jsonld') =>
    testFetcher(harness, now, policy, name);

  it('sends the jobbench User-Agent with a contact URL', async () => {
    const s = await serve((_req, res) => send(res, 200, 'ok', 'text/plain'));
    const { f } = fetcher({ robots: 'not-applicable' });
    const response = await f.request(`${s.origin}/x`);
    assert.equal(response.status, 200);
    assert.equal(response.text, 'ok');
    assert.equal(s.requests[0]?.headers['user-agent'], USER_AGENT);
    assert.match(USER_AGENT, /^jobbench\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/jobbench\/jobbench\)$/);
  });

  it('counts an answer that is not valid UTF-8 (decoded with U+FFFD), and not a valid one holding U+FFFD', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      // Latin-1 "Ingénieur" (0xE9 alone is not UTF-8), then a page that writes U+FFFD validly.
      res.end(
        req.url === '/latin1'
          ? Buffer.from([0x49, 0x6e, 0x67, 0xe9, 0x6e, 0x69, 0x65, 0x75, 0x72])
          : Buffer.from('ok \uFFFD', 'utf8'),
      );
    });
    const { f, stats } = fetcher({ robots: 'not-applicable' });
    assert.equal((await f.request(`${s.origin}/latin1`)).text, 'Ing\uFFFDnieur');
    assert.equal((await f.request(`${s.origin}/valid`)).text, 'ok \uFFFD');
    assert.equal(stats.invalidUtf8, 1);
  });

  it('honours Retry-After on 429 (asks the sleeper for exactly that delay) then succeeds', async () => {
    let calls = 0;
    const s = await serve((_req, res) =>
      ++calls === 1 ? send(res, 429, '{}', 'application/json', { 'retry-after': '7' }) : send(res, 200, '{"ok":true}'),
    );
    const { f, stats } = fetcher({ robots: 'not-applicable' });
    const response = await f.request(`${s.origin}/api`);
    assert.equal(response.status, 200);
    assert.deepEqual(harness.sleeps, [7000]);
    assert.equal(stats.throttled, 1);
    assert.equal(stats.retries, 1);
    assert.equal(stats.requests, 2);
    assert.equal(stats.failures, 0);
  });

  it('reads a Retry-After HTTP date against the injected clock', async () => {
    let calls = 0;
    const s = await serve((_req, res) =>
      ++calls === 1
        ? send(res, 503, '', 'text/plain', { 'retry-after': 'Sat, 28 Nov 2026 12:00:45 GMT' })
        : send(res, 200, 'ok'),
    );
    const { f } = fetcher({ robots: 'not-applicable' });
    await f.request(`${s.origin}/api`);
    assert.deepEqual(harness.sleeps, [45_000]);
  });

  it('retries 5xx with exponential backoff and jitter, then succeeds', async () => {
    let calls = 0;
    const s = await serve((_req, res) =>
      ++calls <= 2 ? send(res, 502, 'bad gateway', 'text/plain') : send(res, 200, 'fine', 'text/plain'),
    );
    const { f, stats } = fetcher({ robots: 'not-applicable' });
    const response = await f.request(`${s.origin}/api`);
    assert.equal(response.text, 'fine');
    assert.deepEqual(harness.sleeps, [500, 1000]); // base 1000, random 0: half of 1000, then of 2000
    assert.equal(stats.retries, 2);
    assert.equal(stats.requests, 3);
  });

  it('gives up after the policy retries with a clear error, counted as a failure', async () => {
    const s = await serve((_req, res) => send(res, 503, 'down', 'text/plain'));
    const { f, stats, events } = fetcher({ robots: 'not-applicable', retries: 2 });
    await assert.rejects(f.request(`${s.origin}/api?app_key=SECRET99`), (error: unknown) => {
      assert.ok(error instanceof SourceFetchError);
      assert.equal(error.code, 'http-status');
      assert.equal(error.status, 503);
      assert.match(error.message, /HTTP 503.*gave up after 3 attempts/);
      assert.ok(!error.message.includes('SECRET99'));
      return true;
    });
    assert.equal(s.requests.length, 3);
    assert.equal(stats.failures, 1);
    assert.equal(stats.retries, 2);
    assert.ok(events.some((e) => e.level === 'error'));
    assert.ok(!JSON.stringify(events).includes('SECRET99'));
  });

  it('does not retry a 4xx and hands it to the caller', async () => {
    const s = await serve((_req, res) => send(res, 404, 'nope', 'text/plain'));
    const { f, stats } = fetcher({ robots: 'not-applicable' });
    const response = await f.request(`${s.origin}/gone`);
    assert.equal(response.status, 404);
    assert.equal(stats.retries, 0);
    assert.equal(harness.sleeps.length, 0);
  });

  it('retries network errors and reports them as such', async () => {
    const s = await serve((_req, res) => send(res, 200, 'x'));
    const origin = s.origin;
    await s.close();
    server = null;
    const { f, stats } = fetcher({ robots: 'not-applicable', retries: 1 });
    await assert.rejects(
      f.request(`${origin}/api`),
      (error: unknown) =>
        error instanceof SourceFetchError && error.code === 'network' && /no answer/.test(error.message),
    );
    assert.equal(stats.retries, 1);
    assert.equal(stats.failures, 1);
  });

  it('times out a request that never answers', async () => {
    const s = await serve(() => {
      /* never answers */
    });
    const { f } = fetcher({ robots: 'not-applicable', retries: 0, timeoutMs: 200 });
    await assert.rejects(
      f.request(`${s.origin}/slow`),
      (error: unknown) => error instanceof SourceFetchError && error.code === 'timeout',
    );
  });

  it('stops at once when the run is cancelled: no retry, not counted as a failure', async () => {
    const s = await serve((_req, res) => send(res, 503, 'down', 'text/plain'));
    const controller = new AbortController();
    const stats = emptyStats();
    const f = new PoliteFetcher({
      source: 'jsonld',
      policy: resolvePolicy('jsonld', { ...FAST_POLICY, robots: 'not-applicable' }),
      stats,
      log: () => {},
      now: () => now,
      sleep: async () => controller.abort(new Error('cancelled by the user')),
      signal: controller.signal,
    });
    await assert.rejects(
      f.request(`${s.origin}/api`),
      (e: unknown) => e instanceof SourceFetchError && e.code === 'aborted',
    );
    assert.equal(s.requests.length, 1);
    assert.equal(stats.failures, 0);
  });

  describe('robots.txt (RFC 9309)', () => {
    it('refuses and counts a disallowed URL without fetching it; allowed URLs go through', async () => {
      const s = await serve((req, res) =>
        req.url === '/robots.txt'
          ? send(res, 200, 'User-agent: *\nDisallow: /private/\nDisallow: /*?\n', 'text/plain')
          : send(res, 200, 'page', 'text/html'),
      );
      const { f, stats, events } = fetcher();
      await assert.rejects(
        f.request(`${s.origin}/private/x`),
        (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
      );
      await assert.rejects(
        f.request(`${s.origin}/jobs?q=data`),
        (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
      );
      assert.equal((await f.request(`${s.origin}/jobs/a`)).status, 200);
      assert.equal(stats.refusedByRobots, 2);
      assert.deepEqual(
        s.requests.map((r) => r.url),
        ['/robots.txt', '/jobs/a'],
      ); // robots.txt fetched once
      assert.equal(events.filter((e) => e.level === 'warn' && /robots\.txt forbids/.test(e.message)).length, 2);
    });

    it('a group for jobbench wins over the * group', async () => {
      const s = await serve((req, res) =>
        req.url === '/robots.txt'
          ? send(res, 200, 'User-agent: *\nAllow: /\n\nUser-agent: jobbench\nDisallow: /\n', 'text/plain')
          : send(res, 200, 'page'),
      );
      const { f, stats } = fetcher();
      await assert.rejects(f.request(`${s.origin}/jobs/a`));
      assert.equal(stats.refusedByRobots, 1);
    });

    it('robots.txt 404 means everything is allowed', async () => {
      const s = await serve((req, res) =>
        req.url === '/robots.txt' ? send(res, 404, 'not found', 'text/plain') : send(res, 200, 'page'),
      );
      const { f, stats } = fetcher();
      assert.equal((await f.request(`${s.origin}/anything?x=1`)).status, 200);
      assert.equal(stats.refusedByRobots, 0);
    });

    it('robots.txt 500 means everything is disallowed', async () => {
      const s = await serve((req, res) =>
        req.url === '/robots.txt' ? send(res, 500, 'oops', 'text/plain') : send(res, 200, 'page'),
      );
      const { f, stats } = fetcher();
      await assert.rejects(
        f.request(`${s.origin}/jobs/a`),
        (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
      );
      await assert.rejects(f.request(`${s.origin}/`));
      assert.equal(stats.refusedByRobots, 2);
      assert.deepEqual(
        s.requests.map((r) => r.url),
        ['/robots.txt'],
      );
    });

    it('an unreachable robots.txt means everything is disallowed', async () => {
      const s = await serve((_req, res) => send(res, 200, ''));
      const origin = s.origin;
      await s.close();
      server = null;
      const { f, stats } = fetcher();
      await assert.rejects(
        f.request(`${origin}/jobs/a`),
        (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
      );
      assert.equal(stats.refusedByRobots, 1);
    });
  });

  describe('daily quota', () => {
    it('stops sending once the day is spent, across fetchers (runs) sharing the lake', async () => {
      const s = await serve((_req, res) => send(res, 200, '{}'));
      const first = fetcher({ dailyQuota: 3 }, 'adzuna');
      await first.f.request(`${s.origin}/a`);
      await first.f.request(`${s.origin}/b`);
      const second = fetcher({ dailyQuota: 3 }, 'adzuna');
      assert.equal(await second.f.quotaRemaining(), 1);
      await second.f.request(`${s.origin}/c`);
      await assert.rejects(
        second.f.request(`${s.origin}/d`),
        (e: unknown) => e instanceof SourceFetchError && e.code === 'quota-exhausted' && !e.retryable,
      );
      assert.equal(s.requests.length, 3);
      assert.equal(second.stats.failures, 0);
      const saved = JSON.parse(
        Buffer.from(await harness.store.get(DailyQuota.keyFor('adzuna', '2026-11-28'))).toString('utf8'),
      ) as { used: number };
      assert.equal(saved.used, 3);
    });
  });
});
