import assert from 'node:assert/strict';
import type { SourcePolicy } from '../policies.ts';
import { SourceFetchError } from './fetch-error.ts';
import { redirectRefusal } from './redirect-policy.ts';
import { makeHarness, testFetcher, type Harness } from '../test-support/harness.ts';
import { send, startLocalServer, type Handler, type LocalServer } from '../test-support/local-server.ts';

/** Servers that answer with redirects: followed within one origin only, robots.txt checked at every hop. */
describe('PoliteFetcher redirects', () => {
  let harness: Harness;
  const servers: LocalServer[] = [];
  const now = new Date('2026-11-28T12:00:00Z');

  beforeEach(async () => {
    harness = await makeHarness(now);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await harness.cleanup();
  });

  async function serve(handler: Handler): Promise<LocalServer> {
    const server = await startLocalServer(handler);
    servers.push(server);
    return server;
  }

  const fetcher = (policy: Partial<SourcePolicy> = {}) => testFetcher(harness, now, { retries: 0, ...policy });

  const redirect = (res: Parameters<Handler>[1], status: number, location: string) => {
    res.writeHead(status, { location });
    res.end();
  };

  it('refuses a redirect to another origin: the other host gets no request at all (not even robots.txt)', async () => {
    const other = await serve((req, res) =>
      req.url === '/robots.txt'
        ? send(res, 200, 'User-agent: *\nDisallow: /\n', 'text/plain')
        : send(res, 200, 'elsewhere', 'text/html'),
    );
    const site = await serve((req, res) =>
      req.url === '/robots.txt'
        ? send(res, 404, '', 'text/plain')
        : redirect(res, 302, `${other.origin}/landing?app_key=SECRET42`),
    );
    const { f, stats, events } = fetcher();
    await assert.rejects(f.request(`${site.origin}/jobs/a`), (error: unknown) => {
      assert.ok(error instanceof SourceFetchError);
      assert.equal(error.code, 'redirect-refused');
      assert.equal(error.retryable, false);
      assert.match(
        error.message,
        new RegExp(`redirected to another origin \\(${other.origin.replace(/[.]/g, '\\.')}/?\\); not followed`),
      );
      assert.ok(!error.message.includes('SECRET42'));
      return true;
    });
    assert.deepEqual(other.requests, []);
    assert.equal(stats.redirectsRefused, 1);
    assert.ok(events.some((e) => e.level === 'warn' && /another origin/.test(e.message)));
    assert.ok(!JSON.stringify(events).includes('SECRET42'));
  });

  it('follows a redirect within the origin, checks robots.txt for the target, and reports the final URL', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/robots.txt') return send(res, 200, 'User-agent: *\nDisallow: /private/\n', 'text/plain');
      if (req.url === '/old') return redirect(res, 301, '/jobs/new');
      if (req.url === '/sneaky') return redirect(res, 302, '/private/x');
      return send(res, 200, `page ${req.url}`, 'text/html');
    });
    const { f, stats } = fetcher();
    const response = await f.request(`${site.origin}/old`);
    assert.equal(response.status, 200);
    assert.equal(response.text, 'page /jobs/new');
    assert.equal(response.url, `${site.origin}/old`);
    assert.equal(response.finalUrl, `${site.origin}/jobs/new`);
    await assert.rejects(
      f.request(`${site.origin}/sneaky`),
      (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
    );
    assert.ok(!site.requests.some((r) => r.url === '/private/x'), 'the disallowed target is never fetched');
    assert.equal(stats.refusedByRobots, 1);
  });

  it('a response with no redirect has finalUrl equal to its url', async () => {
    const site = await serve((_req, res) => send(res, 200, 'ok', 'text/plain'));
    const { f } = fetcher({ robots: 'not-applicable' });
    const response = await f.request(`${site.origin}/a?x=1`);
    assert.equal(response.finalUrl, response.url);
  });

  it('stops after 5 hops with the reason', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/robots.txt') return send(res, 404, '', 'text/plain');
      const n = Number(/\/hop\/(\d+)/.exec(req.url)?.[1] ?? 0);
      return redirect(res, 307, `/hop/${n + 1}`);
    });
    const { f, stats } = fetcher();
    await assert.rejects(
      f.request(`${site.origin}/hop/0`),
      (e: unknown) =>
        e instanceof SourceFetchError && e.code === 'redirect-refused' && /more than 5 redirects/.test(e.message),
    );
    assert.equal(site.requests.filter((r) => r.url.startsWith('/hop/')).length, 6);
    assert.equal(stats.redirectsRefused, 1);
  });

  it('a POST answered 303 is followed with a GET and no body; 307 keeps the method and body', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/form') return redirect(res, 303, '/done');
      if (req.url === '/keep') return redirect(res, 307, '/kept');
      return send(res, 200, `${req.method} ${req.body}`, 'text/plain');
    });
    const { f } = fetcher({ robots: 'not-applicable' });
    assert.equal(
      (
        await f.request(`${site.origin}/form`, {
          method: 'POST',
          body: 'a=1',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).text,
      'GET ',
    );
    assert.equal((await f.request(`${site.origin}/keep`, { method: 'POST', body: 'a=1' })).text, 'POST a=1');
  });

  it('robots.txt itself may redirect to another origin (RFC 9309 §2.3.1.2), and those rules apply', async () => {
    const rules = await serve((req, res) =>
      req.url === '/robots.txt'
        ? send(res, 200, 'User-agent: *\nDisallow: /private/\n', 'text/plain')
        : send(res, 404, ''),
    );
    const site = await serve((req, res) =>
      req.url === '/robots.txt'
        ? redirect(res, 301, `${rules.origin}/robots.txt`)
        : send(res, 200, 'page', 'text/html'),
    );
    const { f, stats } = fetcher();
    await assert.rejects(
      f.request(`${site.origin}/private/a`),
      (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
    );
    assert.equal((await f.request(`${site.origin}/jobs/a`)).status, 200);
    assert.equal(stats.redirectsRefused, 0);
  });

  describe('redirectRefusal', () => {
    it('allows the same origin and an upgrade to https on the same host; refuses other hosts, ports, downgrades and other schemes', () => {
      assert.equal(redirectRefusal('http://a.test/x', 'http://a.test/y?q=1', 0, 'same-origin'), null);
      assert.equal(redirectRefusal('http://a.test/x', 'https://a.test/x', 0, 'same-origin'), null);
      assert.match(redirectRefusal('https://a.test/x', 'http://a.test/x', 0, 'same-origin') ?? '', /plain http/);
      assert.match(
        redirectRefusal('https://a.test/x', 'https://www.a.test/x', 0, 'same-origin') ?? '',
        /another origin \(https:\/\/www\.a\.test\)/,
      );
      assert.match(
        redirectRefusal('https://a.test/x', 'https://a.test:8443/x', 0, 'same-origin') ?? '',
        /another origin/,
      );
      assert.match(redirectRefusal('https://a.test/x', 'file:///etc/passwd', 0, 'any') ?? '', /not http/);
      assert.equal(redirectRefusal('https://a.test/x', 'https://b.test/robots.txt', 4, 'any'), null);
      assert.match(
        redirectRefusal('https://a.test/x', 'https://a.test/y', 5, 'same-origin') ?? '',
        /more than 5 redirects/,
      );
    });
  });
});
