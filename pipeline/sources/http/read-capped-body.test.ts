import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { SourcePolicy } from '../policies.ts';
import { SourceFetchError } from './fetch-error.ts';
import { makeHarness, testFetcher, type Harness } from '../test-support/harness.ts';
import { send, startLocalServer, type Handler, type LocalServer } from '../test-support/local-server.ts';

/** Hostile servers answering more than a source agreed to hold in memory. */
describe('PoliteFetcher response size cap', () => {
  let harness: Harness;
  let server: LocalServer | null = null;
  const now = new Date('2026-11-28T12:00:00Z');
  const CAP = 64 * 1024;

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

  const fetcher = (policy: Partial<SourcePolicy> = {}) =>
    testFetcher(harness, now, {
      robots: 'not-applicable',
      retries: 0,
      timeoutMs: 5_000,
      maxResponseBytes: CAP,
      ...policy,
    });

  const tooLarge = (error: unknown) => {
    assert.ok(error instanceof SourceFetchError, String(error));
    assert.equal(error.code, 'too-large');
    assert.equal(error.retryable, false);
    assert.match(error.message, new RegExp(`response larger than ${CAP} bytes`));
    return true;
  };

  it('stops reading an endless body at the cap (no Content-Length): refused with the reason, counted, not retried', async () => {
    let written = 0;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      // Writes for as long as the client reads: a client that buffers everything never ends.
      const pump = () => {
        while (!res.destroyed && written < 512 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    });
    const { f, stats, events } = fetcher();
    const started = Date.now();
    await assert.rejects(f.request(`${s.origin}/huge`), tooLarge);
    assert.ok(Date.now() - started < 4_000, 'refused while streaming, not at the timeout');
    assert.ok(written < 64 * 1024 * 1024, `the server was cut off early (${written} bytes written)`);
    assert.equal(stats.tooLarge, 1);
    assert.equal(stats.retries, 0);
    assert.equal(s.requests.length, 1);
    assert.ok(events.some((e) => e.level === 'error' && /response larger than 65536 bytes/.test(e.message)));
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    const s = await serve((_req, res) => send(res, 200, 'x'.repeat(CAP + 1), 'text/html'));
    const { f, stats } = fetcher();
    await assert.rejects(f.request(`${s.origin}/big`), tooLarge);
    assert.equal(stats.tooLarge, 1);
  });

  it('counts decoded bytes: a gzip Content-Encoding bomb is cut at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0));
    const s = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
      });
      res.end(bomb);
    });
    const { f } = fetcher();
    assert.ok(bomb.length < CAP, 'the compressed body itself is under the cap');
    await assert.rejects(f.request(`${s.origin}/bomb`), tooLarge);
  });

  it('a body exactly at the cap is kept whole', async () => {
    const s = await serve((_req, res) => send(res, 200, 'y'.repeat(CAP), 'text/html'));
    const { f, stats } = fetcher();
    const response = await f.request(`${s.origin}/fits`);
    assert.equal(response.bytes.byteLength, CAP);
    assert.equal(stats.tooLarge, 0);
  });

  it('robots.txt is read up to its own 500 KiB limit (RFC 9309 §2.5), never refused for its size', async () => {
    const rules = 'User-agent: *\nDisallow: /private/\n';
    const s = await serve((req, res) =>
      req.url === '/robots.txt'
        ? send(res, 200, `${rules}# ${'z'.repeat(2 * 1024 * 1024)}\n`, 'text/plain')
        : send(res, 200, 'page', 'text/html'),
    );
    const { f, stats } = fetcher({ robots: 'obey' });
    await assert.rejects(
      f.request(`${s.origin}/private/a`),
      (e: unknown) => e instanceof SourceFetchError && e.code === 'refused-by-robots',
    );
    assert.equal((await f.request(`${s.origin}/jobs/a`)).status, 200);
    assert.equal(stats.tooLarge, 0);
  });
});
