import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { needs } from '../test/support/needs.ts';
import { packageCollector } from './package-collector.ts';

describe('npm run package:collector', function () {
  this.timeout(120_000);
  let dir: string;

  before(async function () {
    needs(this, 'whole-runs');
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-package-'));
  });
  after(async function () {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the same bytes from the same sources, and reports their base64 SHA-256', async function () {
    const first = await packageCollector(path.join(dir, 'a', 'aws-collector.zip'));
    const second = await packageCollector(path.join(dir, 'b', 'aws-collector.zip'));
    const [a, b] = await Promise.all([readFile(first.zipPath), readFile(second.zipPath)]);
    assert.ok(a.equals(b), 'two builds differ');
    assert.equal(first.sha256Base64, createHash('sha256').update(a).digest('base64'));
    assert.equal(first.bytes, a.byteLength);
  });

  it('holds index.mjs alone, dated 2000-01-01 whatever the clock, so the stack handler is index.handler', async function () {
    const { zipPath } = await packageCollector(path.join(dir, 'c', 'aws-collector.zip'));
    const zip = await readFile(zipPath);
    // The central directory (APPNOTE 4.3.12), found from the end record that closes the file (no comment).
    const end = zip.length - 22;
    assert.equal(zip.readUInt32LE(end), 0x06054b50);
    const names: string[] = [];
    let at = zip.readUInt32LE(end + 16);
    for (let entry = 0; entry < zip.readUInt16LE(end + 10); entry += 1) {
      assert.equal(zip.readUInt32LE(at), 0x02014b50);
      const dosDate = zip.readUInt16LE(at + 14);
      assert.deepEqual([(dosDate >> 9) + 1980, (dosDate >> 5) & 0xf, dosDate & 0x1f], [2000, 1, 1]);
      const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o)) as [
        number,
        number,
        number,
      ];
      names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
      at += 46 + nameLength + extraLength + commentLength;
    }
    assert.deepEqual(names, ['index.mjs']);
  });
});
