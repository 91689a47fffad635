import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { results as resultsOf } from './fixtures/compare-fixtures.ts';
import type { Results } from './schema.ts';
import { writeResults } from './store.ts';

const RUN = '20261128T100000Z-aaaaaa';
const attempt = (status: Results['status'], finishedAt: string): Results => ({
  ...resultsOf(RUN, []),
  status,
  finishedAt,
});

describe('results store: a resumed run', function () {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-store-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const stored = async (file: string) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Results;

  it('keeps a better outcome: a failed or partial attempt writes neither the run file nor latest.json', async () => {
    await writeResults(attempt('ok', '2026-11-28T10:05:00.000Z'), dir);
    for (const status of ['failed', 'partial'] as const) {
      const written = await writeResults(attempt(status, '2026-11-28T11:00:00.000Z'), dir);
      assert.deepEqual(written.kept, { status: 'ok', finishedAt: '2026-11-28T10:05:00.000Z' });
      assert.equal((await stored(`runs/${RUN}.json`)).status, 'ok');
      assert.equal((await stored('latest.json')).status, 'ok');
    }
  });

  it('replaces an equal or worse outcome: a resume that finishes is recorded', async () => {
    await writeResults(attempt('failed', '2026-11-28T10:05:00.000Z'), dir);
    assert.equal((await writeResults(attempt('failed', '2026-11-28T10:30:00.000Z'), dir)).kept, null);
    assert.equal((await stored('latest.json')).finishedAt, '2026-11-28T10:30:00.000Z');
    assert.equal((await writeResults(attempt('ok', '2026-11-28T11:00:00.000Z'), dir)).kept, null);
    assert.equal((await stored(`runs/${RUN}.json`)).status, 'ok');
    assert.equal((await stored('latest.json')).finishedAt, '2026-11-28T11:00:00.000Z');
  });
});
