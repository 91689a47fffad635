import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ObjectStore } from '../providers/core/index.ts';
import { emptyStats, type RawPage, type Source, type SourceContext } from '../pipeline/sources/source.ts';
import { extractOnce } from './extract-once.ts';

/** A source whose pages change with every fetch, as a live job board's do; counts its fetches. */
function liveSource(
  fetches: { count: number },
  options: { pages: number; failAt?: number; deterministic?: boolean },
): Source {
  const stats = emptyStats();
  return {
    name: 'live',
    requiredEnv: [],
    ...(options.deterministic ? { deterministic: true } : {}),
    stats: () => ({ ...stats }),
    async *pages(context: SourceContext) {
      fetches.count += 1;
      let started = context.resumeCursor === null;
      for (let i = 0; i < options.pages; i++) {
        if (!started) {
          started = `c${i}` === context.resumeCursor;
          continue;
        }
        if (i === options.failAt) throw new Error('HTTP 503 from the source');
        stats.requests += 1;
        const page: RawPage = {
          body: `{"fetch":${fetches.count},"page":${i}}`,
          ext: 'json',
          format: 'adzuna',
          url: null,
          status: 200,
          fetchedAt: '2026-12-04T10:00:00.000Z',
          cursor: `c${i}`,
        };
        yield page;
      }
    },
  };
}

const context = (resumeCursor: string | null = null): SourceContext => ({
  runId: 'r',
  now: () => new Date('2026-12-04T10:00:00Z'),
  env: {},
  store: {} as ObjectStore,
  resumeCursor,
  log: () => {},
});

async function collect(source: Source, ctx = context()): Promise<{ bodies: string[]; error: string | null }> {
  const bodies: string[] = [];
  try {
    for await (const page of source.pages(ctx)) bodies.push(page.body);
  } catch (error) {
    return { bodies, error: (error as Error).message };
  }
  return { bodies, error: null };
}

describe('extractOnce', function () {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-extract-once-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fetches a live source once and gives every provider the same pages and counters', async function () {
    const fetches = { count: 0 };
    const makeSources = extractOnce(() => [liveSource(fetches, { pages: 3 })], dir);
    const first = await collect(makeSources()[0]!);
    const second = makeSources()[0]!;
    const replayed = await collect(second);
    const third = await collect(makeSources()[0]!);
    assert.equal(fetches.count, 1, 'one fetch for three providers');
    assert.deepEqual(replayed, first);
    assert.deepEqual(third, first);
    assert.equal(second.stats().requests, 3, 'the counters of the one collection');
  });

  it('keeps the spool private (0700 folders, 0600 files) whatever the umask', async function () {
    const spool = path.join(dir, 'spool', 'r');
    const previous = process.umask(0);
    try {
      await collect(extractOnce(() => [liveSource({ count: 0 }, { pages: 2 })], spool)()[0]!);
    } finally {
      process.umask(previous);
    }
    const modes: string[] = [];
    const walk = async (at: string): Promise<void> => {
      for (const entry of await readdir(at, { withFileTypes: true })) {
        const full = path.join(at, entry.name);
        modes.push(`${path.relative(dir, full)} ${((await stat(full)).mode & 0o777).toString(8)}`);
        if (entry.isDirectory()) await walk(full);
      }
    };
    await walk(path.join(dir, 'spool'));
    assert.ok(modes.length >= 2, modes.join(', '));
    for (const line of modes) assert.match(line, / (700|600)$/, line);
  });

  it('replays a failure at the same point, and resumes after a cursor', async function () {
    const fetches = { count: 0 };
    const makeSources = extractOnce(() => [liveSource(fetches, { pages: 5, failAt: 2 })], dir);
    const first = await collect(makeSources()[0]!);
    const replayed = await collect(makeSources()[0]!);
    assert.deepEqual(replayed.bodies, first.bodies);
    assert.equal(first.bodies.length, 2);
    assert.match(replayed.error!, /HTTP 503 from the source \(replayed/);
    const resumed = await collect(makeSources()[0]!, context('c0'));
    assert.deepEqual(resumed.bodies, first.bodies.slice(1));
    assert.equal(fetches.count, 1);
  });

  it('records nothing replayable when the first reader stops early, and leaves seeded sources alone', async function () {
    const fetches = { count: 0 };
    const makeSources = extractOnce(() => [liveSource(fetches, { pages: 4 })], dir);
    for await (const _page of makeSources()[0]!.pages(context())) break; // the first provider failed after one page
    await collect(makeSources()[0]!);
    assert.equal(fetches.count, 2, 'an incomplete recording is fetched again');
    await collect(makeSources()[0]!);
    assert.equal(fetches.count, 2, 'then replayed');

    const seeded = { count: 0 };
    const makeSeeded = extractOnce(
      () => [liveSource(seeded, { pages: 2, deterministic: true })],
      path.join(dir, 'seeded'),
    );
    await collect(makeSeeded()[0]!);
    await collect(makeSeeded()[0]!);
    assert.equal(seeded.count, 2, 'a deterministic source renders for each provider');
  });
});
