import assert from 'node:assert/strict';
import { FranceTravailSource } from './francetravail-source.ts';
import { parseContentRange } from './content-range.ts';
import { SourceFetchError } from '../http/fetch-error.ts';
import { collect, FAST_POLICY, makeHarness, type Harness } from '../test-support/harness.ts';
import { SEARCH_PATH, startFakeFranceTravail, TOKEN_PATH } from '../test-support/francetravail-server.ts';
import type { LocalServer } from '../test-support/local-server.ts';

const CLIENT_ID = 'PAR_jobbench_0123456789abcdef';
const CLIENT_SECRET = 'secret-9a8b7c6d5e4f';
const NEWEST = new Date('2026-11-27T14:00:00Z');

describe('FranceTravailSource', () => {
  let harness: Harness;
  let server: (LocalServer & { tokenUrl: string }) | null = null;

  beforeEach(async () => {
    harness = await makeHarness(new Date('2026-11-28T12:00:00Z'));
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await harness.cleanup();
  });

  function source(extra = {}) {
    return new FranceTravailSource({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      apiBaseUrl: server?.origin ?? 'http://127.0.0.1:9',
      tokenUrl: server?.tokenUrl ?? 'http://127.0.0.1:9/token',
      keywords: ['data engineer'],
      policy: FAST_POLICY,
      sleep: harness.sleep,
      random: () => 0,
      ...extra,
    });
  }

  const searches = () =>
    (server?.requestsTo(SEARCH_PATH) ?? []).map((r) => ({
      url: new URL(r.url, 'http://local'),
      auth: r.headers.authorization,
    }));

  it('reads Content-Range headers', () => {
    assert.deepEqual(parseContentRange('offres 0-149/1234'), { first: 0, last: 149, total: 1234 });
    assert.deepEqual(parseContentRange('offres */0'), { first: null, last: null, total: 0 });
    assert.equal(parseContentRange('garbage'), null);
  });

  it('gets a client-credentials token once and reuses it until it expires', async () => {
    server = await startFakeFranceTravail({ total: 10, newest: NEWEST });
    const ft = source({ keywords: ['data engineer', 'data analyst'], romeCodes: ['M1811', 'M1405'] });
    const { pages, error } = await collect(ft, harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 3);
    const tokenCalls = server.requestsTo(TOKEN_PATH);
    assert.equal(tokenCalls.length, 1);
    assert.equal(tokenCalls[0]?.url, '/connexion/oauth2/access_token?realm=/partenaire');
    const form = new URLSearchParams(tokenCalls[0]?.body);
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.equal(form.get('client_id'), CLIENT_ID);
    assert.equal(form.get('client_secret'), CLIENT_SECRET);
    assert.equal(form.get('scope'), 'api_offresdemploiv2 o2dsoffre');
    assert.ok(searches().every((s) => s.auth === 'Bearer token-1'));
    assert.deepEqual(
      searches().map((s) => s.url.searchParams.get('motsCles') ?? `rome:${s.url.searchParams.get('codeROME')}`),
      ['data engineer', 'data analyst', 'rome:M1811,M1405'],
    );
    assert.equal(ft.tokensIssued, 1);
  });

  it('renews the token when the cached one is about to expire', async () => {
    server = await startFakeFranceTravail({ total: 400, newest: NEWEST });
    let clock = new Date('2026-11-28T12:00:00Z').getTime();
    const iterator = source()
      .pages(harness.context({ now: () => new Date(clock) }))
      [Symbol.asyncIterator]();
    await iterator.next();
    clock += 20 * 60_000; // expires_in 1499 s, renewed a minute early: still valid
    await iterator.next();
    clock += 5 * 60_000; // now past expiry minus the margin
    await iterator.next();
    await iterator.return?.();
    assert.deepEqual(
      searches().map((s) => s.auth),
      ['Bearer token-1', 'Bearer token-1', 'Bearer token-2'],
    );
  });

  it('on 401 renews the token once and succeeds', async () => {
    server = await startFakeFranceTravail({
      total: 5,
      newest: NEWEST,
      override: (_req, n) => (n === 1 ? { status: 401, body: '{"message":"token expired"}' } : null),
    });
    const { pages, error } = await collect(source(), harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 1);
    assert.equal(server.requestsTo(TOKEN_PATH).length, 2);
    assert.deepEqual(
      searches().map((s) => s.auth),
      ['Bearer token-1', 'Bearer token-2'],
    );
  });

  it('a second 401 in a row fails with a clear error', async () => {
    server = await startFakeFranceTravail({
      total: 5,
      newest: NEWEST,
      override: () => ({ status: 401, body: '{"message":"no"}' }),
    });
    const { pages, error } = await collect(source(), harness.context());
    assert.equal(pages.length, 0);
    assert.ok(error instanceof SourceFetchError);
    assert.match(error.message, /HTTP 401; the API refused a fresh access token twice/);
    assert.equal(server.requestsTo(TOKEN_PATH).length, 2);
  });

  it('a refused token request names the variables to check, never their values', async () => {
    server = await startFakeFranceTravail({ total: 5, newest: NEWEST });
    const { error } = await collect(
      source({ tokenUrl: `${server.origin}/nowhere?client_secret=${CLIENT_SECRET}` }),
      harness.context(),
    );
    assert.ok(error instanceof SourceFetchError);
    assert.match(error.message, /HTTP 404.*without an access token/);
    const bad = await collect(source({ clientSecret: '' }), harness.context());
    assert.ok(bad.error instanceof SourceFetchError);
    assert.match(
      (bad.error as Error).message,
      /HTTP 400 \(invalid_request\).*FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET/,
    );
    const text = JSON.stringify(harness.events) + (error as Error).message;
    assert.ok(!text.includes(CLIENT_SECRET));
  });

  it('pages with range until Content-Range says the total is reached (206, 206, 200)', async () => {
    server = await startFakeFranceTravail({ total: 320, newest: NEWEST });
    const { pages, error } = await collect(source(), harness.context());
    assert.equal(error, null);
    assert.deepEqual(
      searches().map((s) => s.url.searchParams.get('range')),
      ['0-149', '150-299', '300-449'],
    );
    assert.deepEqual(
      pages.map((p) => p.status),
      [206, 206, 200],
    );
    assert.deepEqual(
      pages.map((p) => (JSON.parse(p.body) as { resultats: unknown[] }).resultats.length),
      [150, 150, 20],
    );
    assert.ok(pages.every((p) => p.format === 'francetravail' && p.ext === 'json'));
    assert.equal(searches()[0]?.url.searchParams.get('sort'), '1');
  });

  it('stops exactly at the total when the last 206 page is full', async () => {
    server = await startFakeFranceTravail({ total: 300, newest: NEWEST, alwaysPartial: true });
    const { pages } = await collect(source(), harness.context());
    assert.deepEqual(
      pages.map((p) => p.status),
      [206, 206],
    );
    assert.equal(searches().length, 2);
  });

  it('respects the API cap on the first index and says what was left out', async () => {
    server = await startFakeFranceTravail({ total: 700, newest: NEWEST });
    const { pages } = await collect(source({ maxStartIndex: 300 }), harness.context());
    assert.deepEqual(
      searches().map((s) => s.url.searchParams.get('range')),
      ['0-149', '150-299', '300-449'],
    );
    assert.equal(pages.length, 3);
    assert.ok(
      harness.events.some(
        (e) => e.level === 'warn' && /700 offers match but the API serves only the first 450/.test(e.message),
      ),
    );
  });

  it('204 means no offers: nothing yielded, no error', async () => {
    server = await startFakeFranceTravail({ total: 0, newest: NEWEST });
    const { pages, error } = await collect(source(), harness.context());
    assert.equal(error, null);
    assert.equal(pages.length, 0);
    assert.equal(searches().length, 1);
  });

  it('a second run sends minCreationDate and maxCreationDate from the cursor', async () => {
    server = await startFakeFranceTravail({ total: 200, newest: NEWEST });
    await collect(source(), harness.context());
    assert.equal(searches()[0]?.url.searchParams.get('minCreationDate'), null);
    const before = searches().length;
    const later = await makeHarness(new Date('2026-11-29T08:30:00Z'));
    try {
      const run2 = await collect(source(), { ...later.context({ runId: 'run-2' }), store: harness.store });
      assert.equal(run2.error, null);
      const asked = searches().slice(before);
      assert.equal(asked.length, 1);
      assert.equal(asked[0]?.url.searchParams.get('minCreationDate'), '2026-11-27T13:00:00Z');
      assert.equal(asked[0]?.url.searchParams.get('maxCreationDate'), '2026-11-29T08:30:00Z');
      assert.equal(run2.pages.length, 1);
      assert.equal((JSON.parse(run2.pages[0]?.body ?? '{}') as { resultats: unknown[] }).resultats.length, 2); // the overlap hour only
    } finally {
      await later.cleanup();
    }
  });

  it('resumes after the range named by resumeCursor', async () => {
    server = await startFakeFranceTravail({ total: 400, newest: NEWEST });
    const first = await collect(source(), harness.context());
    const before = searches().length;
    const resumed = await collect(source(), harness.context({ resumeCursor: first.pages[0]?.cursor ?? null }));
    assert.equal(resumed.error, null);
    assert.deepEqual(
      searches()
        .slice(before)
        .map((s) => s.url.searchParams.get('range')),
      ['150-299', '300-449'],
    );
  });

  it('5xx forever: fails after the retries, pages already yielded stay yielded', async () => {
    server = await startFakeFranceTravail({
      total: 400,
      newest: NEWEST,
      override: (req) =>
        req.url.includes('range=150-299') ? { status: 500, body: '{"message":"erreur technique"}' } : null,
    });
    const ft = source();
    const { pages, error } = await collect(ft, harness.context());
    assert.equal(pages.length, 1);
    assert.ok(error instanceof SourceFetchError);
    assert.match(error.message, /range=150-299.*HTTP 500 \(gave up after 4 attempts\)/);
    assert.equal(ft.stats().failures, 1);
    assert.equal(ft.stats().retries, 3);
  });
});
