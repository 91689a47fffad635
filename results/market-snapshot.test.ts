import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readMarketSnapshot, writeMarketSnapshot, type MarketSnapshot } from './market-snapshot.ts';
import { isSafePathSegment } from './path-segment.ts';

const snapshot = (runId: string): MarketSnapshot => ({
  snapshotVersion: 1,
  runId,
  provider: 'local',
  generatedAt: '2026-11-28T10:00:00.000Z',
  queries: {},
});

describe('results: market snapshot identifiers', function () {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-snapshot-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('takes run ids, provider and source names as one path segment, nothing else', function () {
    for (const ok of ['20261128T103000Z-1a2b3c', 'local', 'france-travail', 'run_2', 'v1.2'])
      assert.ok(isSafePathSegment(ok), ok);
    for (const bad of ['', '.', '..', '../x', 'a/b', 'a\\b', '.env', '-rf', 'x\u0000', 'x y', 'é', 'a'.repeat(129)])
      assert.ok(!isSafePathSegment(bad), JSON.stringify(bad));
  });

  it('never writes a snapshot whose run id would leave results/market/', async function () {
    await assert.rejects(
      writeMarketSnapshot(snapshot('../../escaped'), path.join(dir, 'results')),
      /run id "..\/..\/escaped" cannot be used as a file name/,
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('reading a snapshot with a hostile run id fails on one line naming the field', async function () {
    const file = path.join(dir, 'market-latest.json');
    await writeFile(file, JSON.stringify(snapshot('../../../x')));
    await assert.rejects(readMarketSnapshot(file), (error: Error) => {
      assert.equal(
        error.message,
        'runId: run id "../../../x" cannot be used as a file name (letters, digits, ".", "_" and "-" only, starting with a letter or digit)',
      );
      return true;
    });
  });
});
