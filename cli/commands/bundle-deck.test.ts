/**
 * `jobbench export --bundle` makes the deck (and the analysis it reads) from the latest
 * results when they are newer than it, so the zip holds the deck of the run it ships.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeMarketSnapshot } from '../../dashboards/fixtures/market-fixture.ts';
import { writeMarketSnapshot } from '../../results/market-snapshot.ts';
import { writeResults } from '../../results/store.ts';
import { validateResults } from '../../results/validate.ts';
import { slideResults } from '../../slides/fixtures/results-fixture.ts';
import { ensureBundleDeck } from './bundle-deck.ts';
import { exportCommand } from './export.ts';
import { needs } from '../../test/support/needs.ts';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

async function zipNames(file: string): Promise<string[]> {
  const script = 'import json,sys,zipfile\nprint(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))';
  const { stdout } = await promisify(execFile)(process.env.JOBBENCH_PYTHON ?? 'python3', ['-c', script, file]);
  return JSON.parse(stdout) as string[];
}

describe('export --bundle builds the deck of the latest run', function () {
  this.timeout(5 * 60_000);
  let root: string;

  before(async function () {
    needs(this, 'browser');
    if (!existsSync(CHROME)) this.skip();
    root = await mkdtemp(path.join(tmpdir(), 'jobbench-bundle-deck-'));
    const results = validateResults(slideResults());
    await writeResults(results, path.join(root, 'results'));
    await writeMarketSnapshot(await makeMarketSnapshot(results.runId), path.join(root, 'results'));
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('builds a missing deck and its analysis into the zip, then reuses it until the results change', async () => {
    const out: string[] = [];
    const io = {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void out.push(t),
      isTTY: false,
      env: { ...process.env, CHROME_PATH: CHROME },
      cwd: root,
    };
    assert.equal(await exportCommand({ bundle: 'release.zip' }, io), 0);
    assert.match(out.join(''), /Built the deck/);
    const names = await zipNames(path.join(root, 'release.zip'));
    for (const expected of ['slides/out/deck.pdf', 'slides/out/deck.html'])
      assert.ok(
        names.some((n) => n.endsWith(expected)),
        `${expected} in ${names.join(', ')}`,
      );
    assert.ok(
      names.some((n) => /results\/analysis\/.+\.json$/.test(n)),
      'the analysis the deck reads',
    );

    assert.equal(await ensureBundleDeck(root, io), 'current');
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, 'results', 'latest.json'), later, later);
    assert.equal(await ensureBundleDeck(root, io), 'built', 'results newer than the deck');
  });
});
