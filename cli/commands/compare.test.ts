import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { A, B } from '../../results/fixtures/compare-fixtures.ts';
import { compareCommand } from './compare.ts';

describe('jobbench compare', function () {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-compare-cli-'));
    await writeFile(path.join(dir, 'a.json'), JSON.stringify(A));
    await writeFile(path.join(dir, 'b.json'), JSON.stringify(B));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('the compare command prints the table and the JSON', async function () {
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: () => {}, isTTY: false, env: {}, cwd: dir };
    assert.equal(await compareCommand({ a: 'a.json', b: 'b.json', json: false }, io), 0);
    assert.match(out, /store\.put\.small/);
    assert.match(out, /REGRESSION/);
    assert.match(out, /3 significant regression/);
    out = '';
    await compareCommand({ a: 'a.json', b: 'b.json', json: true }, io);
    assert.equal(JSON.parse(out).regressions, 3);
    await assert.rejects(
      compareCommand({ a: 'a.json', b: 'missing.json', json: false }, io),
      (e: Error) => e.name === 'UsageError',
    );
  });
});
