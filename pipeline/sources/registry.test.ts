import assert from 'node:assert/strict';
import { ConfigurationError } from '../errors.ts';
import { createSources } from './registry.ts';
import { SOURCE_NAMES } from './source.ts';
import { AdzunaSource } from './adzuna/adzuna-source.ts';
import { FranceTravailSource } from './francetravail/francetravail-source.ts';
import { JsonLdSource } from './jsonld/jsonld-source.ts';
import { WttjSource } from './wttj/wttj-source.ts';
import { collect, FAST_POLICY, makeHarness } from './test-support/harness.ts';
import { startFakeAdzuna } from './test-support/adzuna-server.ts';

const base = { scale: 1, seed: 42 };

describe('createSources', () => {
  it('knows every source by name', () => {
    assert.deepEqual([...SOURCE_NAMES], ['sample', 'adzuna', 'francetravail', 'jsonld', 'wttj']);
  });

  it('rejects an unknown name, listing the known ones', () => {
    assert.throws(
      () => createSources(['adzuna', 'indeed'], { ...base, env: { ADZUNA_APP_ID: 'a', ADZUNA_APP_KEY: 'b' } }),
      (e: unknown) =>
        e instanceof ConfigurationError &&
        e.message === 'unknown source "indeed" (known: sample, adzuna, francetravail, jsonld, wttj)',
    );
  });

  it('names the missing credentials, never the values present', () => {
    assert.throws(
      () => createSources(['adzuna'], { ...base, env: { ADZUNA_APP_ID: 'visible-id-123' } }),
      (e: unknown) =>
        e instanceof ConfigurationError &&
        /ADZUNA_APP_KEY/.test(e.message) &&
        !/ADZUNA_APP_ID/.test(e.message) &&
        !e.message.includes('visible-id-123'),
    );
    assert.throws(
      () => createSources(['francetravail'], { ...base, env: {} }),
      (e: unknown) =>
        e instanceof ConfigurationError && /FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET/.test(e.message),
    );
    assert.throws(
      () => createSources(['jsonld'], { ...base, env: {} }),
      (e: unknown) => e instanceof ConfigurationError && /JOBBENCH_JSONLD_SEEDS/.test(e.message),
    );
    assert.throws(
      () => createSources(['jsonld'], { ...base, env: { JOBBENCH_JSONLD_SEEDS: 'ftp://x' } }),
      ConfigurationError,
    );
  });

  it('checks the required settings of every selected source before building any, all missing in one line', () => {
    // Built first, adzuna would refuse its plain-http base URL: the missing settings are named instead.
    const env = { ADZUNA_APP_ID: 'visible-id-123', JOBBENCH_ADZUNA_BASE_URL: 'http://api.adzuna.com' };
    assert.throws(
      () => createSources(['adzuna', 'sample', 'francetravail', 'jsonld'], { ...base, env }),
      (e: unknown) =>
        e instanceof ConfigurationError &&
        e.message ===
          'source "adzuna" needs ADZUNA_APP_KEY; ' +
            'source "francetravail" needs FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET; ' +
            'source "jsonld" needs JOBBENCH_JSONLD_SEEDS (seed URLs: sitemaps or listing pages, comma-separated): ' +
            'set them in the environment (see docs/sources/)',
    );
  });

  it("reports each built source's required variables as its requiredEnv", () => {
    const env = {
      ADZUNA_APP_ID: 'id',
      ADZUNA_APP_KEY: 'key',
      FRANCE_TRAVAIL_CLIENT_ID: 'cid',
      FRANCE_TRAVAIL_CLIENT_SECRET: 'secret',
      JOBBENCH_JSONLD_SEEDS: 'https://a.test/s.xml',
      JOBBENCH_WTTJ_ACKNOWLEDGE: 'yes',
    };
    const sources = createSources(['sample', 'adzuna', 'francetravail', 'jsonld', 'wttj'], { ...base, env });
    assert.deepEqual(Object.fromEntries(sources.map((s) => [s.name, s.requiredEnv])), {
      sample: [],
      adzuna: ['ADZUNA_APP_ID', 'ADZUNA_APP_KEY'],
      francetravail: ['FRANCE_TRAVAIL_CLIENT_ID', 'FRANCE_TRAVAIL_CLIENT_SECRET'],
      jsonld: ['JOBBENCH_JSONLD_SEEDS'],
      wttj: ['JOBBENCH_WTTJ_ACKNOWLEDGE'],
    });
  });

  it('refuses an unknown setting of a selected source, and ignores those of sources not selected', () => {
    const credentials = { ADZUNA_APP_ID: 'id', ADZUNA_APP_KEY: 'key' };
    const env = { ...credentials, JOBBENCH_ADZUNA_QUERY: 'ml', JOBBENCH_WTTJ_WHATEVER: 'x' };
    const expected =
      'source "adzuna": unknown setting JOBBENCH_ADZUNA_QUERY ' +
      '(known: JOBBENCH_ADZUNA_BASE_URL, JOBBENCH_ADZUNA_QUERIES)';
    assert.throws(
      () => createSources(['adzuna'], { ...base, env }),
      (e: unknown) => e instanceof ConfigurationError && e.message === expected,
    );
    const unset = { ...env, JOBBENCH_ADZUNA_QUERY: undefined };
    assert.doesNotThrow(() => createSources(['adzuna'], { ...base, env: unset }));
    assert.throws(
      () => createSources(['sample'], { ...base, env: { JOBBENCH_SAMPLE_SCALE: '10' } }),
      (e: unknown) => e instanceof ConfigurationError && /JOBBENCH_SAMPLE_SCALE/.test(e.message),
    );
  });

  it('hands the settings read to the source: Adzuna searches its QUERIES at its BASE_URL', async () => {
    const harness = await makeHarness();
    const server = await startFakeAdzuna({ total: 1, newest: new Date('2026-11-27T09:00:00Z') });
    try {
      const env = {
        ADZUNA_APP_ID: 'id-1234',
        ADZUNA_APP_KEY: 'key-5678',
        JOBBENCH_ADZUNA_BASE_URL: server.origin,
        JOBBENCH_ADZUNA_QUERIES: 'mlops, dataviz',
      };
      const overrides = { adzuna: { policy: FAST_POLICY, sleep: harness.sleep } };
      const [adzuna] = createSources(['adzuna'], { ...base, env, overrides });
      const { pages, error } = await collect(adzuna!, harness.context());
      assert.equal(error, null);
      assert.equal(pages.length, 2);
      const searched = server.requests.map((r) => new URL(r.url, 'http://local').searchParams.get('what'));
      assert.deepEqual(searched, ['mlops', 'dataviz']);
    } finally {
      await server.close();
      await harness.cleanup();
    }
  });

  it('refuses wttj without the opt-in', () => {
    assert.throws(
      () => createSources(['wttj'], { ...base, env: {} }),
      (e: unknown) => e instanceof ConfigurationError && /JOBBENCH_WTTJ_ACKNOWLEDGE=yes/.test(e.message),
    );
  });

  it('builds each real source from the environment, in the order asked, once per name', () => {
    const env = {
      ADZUNA_APP_ID: 'id',
      ADZUNA_APP_KEY: 'key',
      FRANCE_TRAVAIL_CLIENT_ID: 'cid',
      FRANCE_TRAVAIL_CLIENT_SECRET: 'secret',
      JOBBENCH_JSONLD_SEEDS: 'https://a.test/sitemap.xml, https://b.test/careers',
      JOBBENCH_WTTJ_ACKNOWLEDGE: 'yes',
    };
    const sources = createSources(['wttj', 'adzuna', 'francetravail', 'jsonld', 'adzuna'], { ...base, env });
    assert.deepEqual(
      sources.map((s) => s.name),
      ['wttj', 'adzuna', 'francetravail', 'jsonld'],
    );
    assert.ok(sources[0] instanceof WttjSource);
    assert.ok(sources[1] instanceof AdzunaSource);
    assert.ok(sources[2] instanceof FranceTravailSource);
    assert.ok(sources[3] instanceof JsonLdSource);
    assert.deepEqual(sources[1]?.requiredEnv, ['ADZUNA_APP_ID', 'ADZUNA_APP_KEY']);
  });

  it('lets overrides stand in for the environment', () => {
    const [adzuna] = createSources(['adzuna'], {
      ...base,
      env: {},
      overrides: { adzuna: { appId: 'x', appKey: 'y', baseUrl: 'http://127.0.0.1:1' } },
    });
    assert.ok(adzuna instanceof AdzunaSource);
  });

  it('reads the byte caps from JOBBENCH_MAX_RESPONSE_BYTES and JOBBENCH_MAX_SITEMAP_BYTES for every real source; an option wins', () => {
    const env = {
      ADZUNA_APP_ID: 'id',
      ADZUNA_APP_KEY: 'key',
      FRANCE_TRAVAIL_CLIENT_ID: 'cid',
      FRANCE_TRAVAIL_CLIENT_SECRET: 'secret',
      JOBBENCH_JSONLD_SEEDS: 'https://a.test/sitemap.xml',
      JOBBENCH_WTTJ_ACKNOWLEDGE: 'yes',
      JOBBENCH_MAX_RESPONSE_BYTES: '2048',
      JOBBENCH_MAX_SITEMAP_BYTES: '4096',
    };
    const sources = createSources(['adzuna', 'francetravail', 'jsonld', 'wttj'], {
      ...base,
      env,
      overrides: { jsonld: { policy: { maxResponseBytes: 999 } } },
    });
    const caps = sources.map((s) => {
      const policy = (s as AdzunaSource | FranceTravailSource | JsonLdSource).policy;
      return [s.name, policy.maxResponseBytes, policy.maxSitemapBytes];
    });
    assert.deepEqual(caps, [
      ['adzuna', 2048, 4096],
      ['francetravail', 2048, 4096],
      ['jsonld', 999, 4096],
      ['wttj', 2048, 4096],
    ]);
    const [defaults] = createSources(['jsonld'], { ...base, env: { JOBBENCH_JSONLD_SEEDS: 'https://a.test/s.xml' } });
    assert.equal((defaults as JsonLdSource).policy.maxResponseBytes, 10 * 1024 * 1024);
    assert.equal((defaults as JsonLdSource).policy.maxSitemapBytes, 50 * 1024 * 1024);
    assert.throws(
      () =>
        createSources(['jsonld'], {
          ...base,
          env: { JOBBENCH_JSONLD_SEEDS: 'https://a.test/s.xml', JOBBENCH_MAX_RESPONSE_BYTES: '10MB' },
        }),
      (e: unknown) =>
        e instanceof ConfigurationError && /JOBBENCH_MAX_RESPONSE_BYTES must be a positive integer/.test(e.message),
    );
  });

  it('refuses to send credentials over plain http:// to a host other than this machine, naming the variables, never the values', () => {
    const env = {
      ADZUNA_APP_ID: 'id-visible-1234',
      ADZUNA_APP_KEY: 'key-visible-5678',
      FRANCE_TRAVAIL_CLIENT_ID: 'cid-visible-1234',
      FRANCE_TRAVAIL_CLIENT_SECRET: 'secret-visible-5678',
    };
    const refused = (names: string[], extra: Record<string, string>, pattern: RegExp) =>
      assert.throws(
        () => createSources(names, { ...base, env: { ...env, ...extra } }),
        (e: unknown) =>
          e instanceof ConfigurationError &&
          pattern.test(e.message) &&
          !/visible/.test(e.message) &&
          !e.message.includes(Object.values(extra)[0] ?? '\u0000'),
      );
    refused(
      ['adzuna'],
      { JOBBENCH_ADZUNA_BASE_URL: 'http://api.adzuna.com' },
      /^source "adzuna": JOBBENCH_ADZUNA_BASE_URL is plain http:\/\/ to a host other than this machine, so ADZUNA_APP_ID and ADZUNA_APP_KEY would travel unencrypted; use an https:\/\/ URL$/,
    );
    refused(
      ['francetravail'],
      { JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL: 'http://entreprise.francetravail.fr/connexion/oauth2/access_token' },
      /JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL is plain http.*FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET/,
    );
    refused(
      ['francetravail'],
      { JOBBENCH_FRANCE_TRAVAIL_API_URL: 'http://10.0.0.8:8080' },
      /JOBBENCH_FRANCE_TRAVAIL_API_URL is plain http/,
    );
    refused(['adzuna'], { JOBBENCH_ADZUNA_BASE_URL: 'ftp://api.adzuna.com' }, /not an https:\/\/ URL/);
    // A name under .localhost is resolved by DNS like any other: nothing guarantees it stays here.
    refused(
      ['adzuna'],
      { JOBBENCH_ADZUNA_BASE_URL: 'http://api.evil.localhost' },
      /JOBBENCH_ADZUNA_BASE_URL is plain http/,
    );
    for (const local of [
      'http://127.0.0.1:8080',
      'http://localhost:3000',
      'http://[::1]:3000',
      'http://127.0.0.2',
      'https://api.adzuna.com',
    ]) {
      assert.doesNotThrow(
        () => createSources(['adzuna'], { ...base, env: { ...env, JOBBENCH_ADZUNA_BASE_URL: local } }),
        local,
      );
    }
    // Programmatic use is held to the same rule.
    assert.throws(
      () => new AdzunaSource({ appId: 'a', appKey: 'b', baseUrl: 'http://example.org' }),
      ConfigurationError,
    );
  });

  it('builds the sample source from scale and seed', () => {
    const [sample] = createSources(['sample'], { ...base, env: {}, now: () => new Date('2026-11-28T00:00:00Z') });
    assert.equal(sample?.name, 'sample');
    assert.deepEqual(sample?.requiredEnv, []);
  });
});
