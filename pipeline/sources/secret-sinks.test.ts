/**
 * Servers that echo the credentials back, in every encoding, inside pages, in long error
 * bodies (the key past the 200-character snippet cut) and in an OAuth `error` field: the
 * key must reach no sink — error message, log events (stderr), the run manifest, any
 * object written to the lake.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsObjectStore } from '../../providers/local/fs-object-store.ts';
import { extract } from '../stages/extract/extract.ts';
import { newManifest, writeManifest } from '../lake/run-manifest.ts';
import { AdzunaSource } from './adzuna/adzuna-source.ts';
import { FranceTravailSource } from './francetravail/francetravail-source.ts';
import type { Source, SourceEvent } from './source.ts';
import { adzunaJobs, startFakeAdzuna } from './test-support/adzuna-server.ts';
import { offers, SEARCH_PATH, TOKEN_PATH } from './test-support/francetravail-server.ts';
import { FAST_POLICY } from './test-support/harness.ts';
import { send, startLocalServer, type LocalServer } from './test-support/local-server.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const APP_ID = 'a1b2c3d4e5';
/** `+/=` and `~`: encodeURIComponent and form encoding spell it differently. */
const APP_KEY = 'Zk9+q/Wx=Lr7~Pm/Tt3=Hy8Kd2Vn+w==';
const CLIENT_ID = 'PAR_jobbench_4f0c2a9e7d';
const CLIENT_SECRET = 'S3cr3tFr4nc3Tr4v41lCl13nt9x';
const ACCESS_TOKEN = 'eyAccessTokenQ7r2Lm9Xv4Kp1';

/** The ways a server may spell a value back. */
const ECHOES: Record<string, (value: string) => string> = {
  raw: (v) => v,
  encodeURIComponent: (v) => encodeURIComponent(v),
  'form (+ for space)': (v) => new URLSearchParams({ v }).toString().slice(2),
  'percent, lower-case hex': (v) => encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  'JSON with escaped slashes': (v) => JSON.stringify(v).slice(1, -1).replace(/\//g, '\\/'),
  base64: (v) => Buffer.from(v).toString('base64'),
  'base64 of id:key (HTTP Basic)': (v) => Buffer.from(`${APP_ID}:${v}`).toString('base64'),
};

/** Every 10-character piece of every form of a secret: a cut or stripped key is a leak too. */
function traces(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    encodeURIComponent(secret).toLowerCase(),
    secret.replace(/[^\w.-]/g, ''),
    ...['', 'x', 'xy'].map((pad) =>
      Buffer.from(pad + secret)
        .toString('base64')
        .slice(4, -4),
    ),
  ];
  const out = new Set<string>();
  for (const form of forms) for (let i = 0; i + 10 <= form.length; i += 1) out.add(form.slice(i, i + 10));
  return [...out];
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe('secrets never reach a sink', function () {
  this.timeout(60_000);
  let dir: string;
  let server: LocalServer | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-secrets-'));
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs extract into a lake on `dir`, writes the manifest there, and returns every sink as text. */
  async function sinks(source: Source): Promise<{ error: string; events: SourceEvent[]; everything: string }> {
    const store = new FsObjectStore(dir);
    const manifest = newManifest({
      runId: '20261128T120000Z-5ec4e7',
      dt: '2026-11-28',
      startedAt: NOW.toISOString(),
      workload: { sources: [source.name], scale: 1, seed: 1 },
    });
    const events: SourceEvent[] = [];
    await extract({
      store,
      manifest,
      sources: [source],
      env: {},
      now: () => NOW,
      checkpoint: () => writeManifest(store, manifest, NOW),
      log: (e) => events.push(e),
    });
    const error = manifest.stages.extract.sources[source.name]?.error ?? '';
    const files = await Promise.all(
      (await filesUnder(dir)).map(async (file) => `${file}\n${await readFile(file, 'utf8')}`),
    );
    return { error, events, everything: [error, JSON.stringify(events), ...files].join('\n') };
  }

  function assertNoTrace(everything: string, secret: string, label: string): void {
    const found = traces(secret).filter((trace) => everything.includes(trace));
    assert.deepEqual(found, [], `${label}: pieces of the secret found in a sink`);
  }

  for (const [name, echo] of Object.entries(ECHOES)) {
    it(`Adzuna echoing the key ${name}, in a page and past character 200 of an error body`, async () => {
      const jobs = adzunaJobs(60, new Date('2026-11-27T09:00:00Z'));
      server = await startFakeAdzuna({
        total: 60,
        newest: new Date('2026-11-27T09:00:00Z'),
        override: (page) => {
          if (page === 1)
            return {
              status: 200,
              body: JSON.stringify({
                count: 60,
                mean: 1,
                results: jobs.slice(0, 50),
                debug: `app_id=${echo(APP_ID)}&app_key=${echo(APP_KEY)}`,
              }),
            };
          return {
            status: 400,
            body: `{"exception":"BAD_REQUEST","padding":"${'x'.repeat(130)}","display":"app_key=${echo(APP_KEY)} app_id=${echo(APP_ID)}"}`,
          };
        },
      });
      const adzuna = new AdzunaSource({
        appId: APP_ID,
        appKey: APP_KEY,
        baseUrl: server.origin,
        queries: ['data'],
        policy: { ...FAST_POLICY, dailyQuota: null },
        sleep: async () => undefined,
        random: () => 0,
      });
      const { error, everything } = await sinks(adzuna);
      assert.match(error, /HTTP 400; unexpected answer: .*\*\*\*/);
      assertNoTrace(everything, APP_KEY, name);
      assertNoTrace(everything, APP_ID, name);
    });
  }

  it('France Travail: the token server puts the secret in its OAuth error field and description', async () => {
    server = await startLocalServer((req, res) => {
      if (req.url.startsWith(TOKEN_PATH)) {
        return send(
          res,
          401,
          JSON.stringify({
            error: `invalid_client ${CLIENT_SECRET}`,
            error_description: `bad client_secret=${encodeURIComponent(CLIENT_SECRET)} for ${CLIENT_ID}`,
          }),
        );
      }
      return send(res, 404, '{}');
    });
    const source = new FranceTravailSource({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      apiBaseUrl: server.origin,
      tokenUrl: `${server.origin}${TOKEN_PATH}?realm=/partenaire`,
      keywords: ['data'],
      policy: FAST_POLICY,
      sleep: async () => undefined,
      random: () => 0,
    });
    const { error, everything } = await sinks(source);
    assert.match(
      error,
      /token endpoint .* answered HTTP 401 .*check FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET/,
    );
    assertNoTrace(everything, CLIENT_SECRET, 'OAuth error field');
    assertNoTrace(everything, CLIENT_ID, 'OAuth error field');
  });

  it('France Travail: the API echoes the secret, the client id and the access token in a page and past character 200 of an error body', async () => {
    let searches = 0;
    server = await startLocalServer((req, res) => {
      if (req.url.startsWith(TOKEN_PATH))
        return send(res, 200, JSON.stringify({ access_token: ACCESS_TOKEN, expires_in: 1499, token_type: 'Bearer' }));
      if (!req.url.startsWith(SEARCH_PATH)) return send(res, 404, '{}');
      searches += 1;
      const echo = `${CLIENT_SECRET} ${encodeURIComponent(CLIENT_ID)} ${String(req.headers.authorization)}`;
      if (searches === 1)
        return send(res, 206, JSON.stringify({ resultats: offers(150, NOW), echo }), 'application/json', {
          'content-range': 'offres 0-149/400',
        });
      return send(res, 400, `{"message":"${'y'.repeat(180)} ${echo}"}`);
    });
    const source = new FranceTravailSource({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      apiBaseUrl: server.origin,
      tokenUrl: `${server.origin}${TOKEN_PATH}`,
      keywords: ['data'],
      policy: FAST_POLICY,
      sleep: async () => undefined,
      random: () => 0,
    });
    const { error, everything } = await sinks(source);
    assert.match(error, /HTTP 400; unexpected answer/);
    for (const secret of [CLIENT_SECRET, CLIENT_ID, ACCESS_TOKEN]) assertNoTrace(everything, secret, secret);
  });
});
