import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openPglite, PGLITE_SHARED_BUFFERS } from './pglite-client.ts';
import { ensureTemplate, extractTemplate, isNewDataDir, templateFile } from './pglite-template.ts';

describe('PGlite: new warehouses start from an initialised template', function () {
  this.timeout(120_000);
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'jobbench-pglite-template-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('makes the template from the first new database, loads the next one from it, and keeps each one its own', async () => {
    const template = templateFile(root);
    const first = await openPglite(path.join(root, 'a'), template);
    await first.exec('CREATE TABLE only_in_a (id int); INSERT INTO only_in_a VALUES (1)');
    await first.close();
    const made = await stat(template);
    assert.ok(made.size > 0);

    const second = await openPglite(path.join(root, 'b'), template);
    const tables = await second.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'only_in_a'",
    );
    assert.equal(tables.rows[0]!.n, 0, 'the template holds the empty cluster, not what another database wrote');
    await second.exec('CREATE TABLE only_in_b (id int)');
    await second.close();
    assert.equal((await stat(template)).mtimeMs, made.mtimeMs, 'an existing template is read, not rewritten');

    const reopened = await openPglite(path.join(root, 'a'), template);
    assert.deepEqual((await reopened.query('SELECT id FROM only_in_a')).rows, [{ id: 1 }]);
    await reopened.close();
  });

  it('sets a damaged template aside and initialises instead, making a sound one', async () => {
    const template = templateFile(root);
    await ensureTemplate(template);
    const whole = await readFile(template);
    await writeFile(template, whole.subarray(0, whole.length >> 1)); // truncated, as by a full disk
    const db = await openPglite(path.join(root, 'c'), template);
    assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    await db.close();
    gunzipSync(await readFile(template)); // remade whole by the initialisation
  });

  it('ensureTemplate makes one only when there is none', async () => {
    const file = path.join(root, 'cache', 'template.tar.gz');
    assert.equal(await ensureTemplate(file), file);
    const made = (await stat(file)).mtimeMs;
    await ensureTemplate(file);
    assert.equal((await stat(file)).mtimeMs, made);
  });

  it('unpacks the template into a new directory as files: every file of the dump, with its bytes, private', async () => {
    const template = templateFile(root);
    await ensureTemplate(template);
    const dir = path.join(root, 'unpacked');
    await mkdir(dir, { mode: 0o700 });
    assert.equal(await extractTemplate(dir, template), true);
    assert.equal(isNewDataDir(dir), false);
    // Compared with what tar(1) reads from the same dump.
    const reference = path.join(root, 'reference');
    await mkdir(reference);
    execFileSync('tar', ['-xzf', template, '-C', reference], { stdio: 'ignore' }); // it notes the leading / it drops
    const listing = async (base: string) =>
      (await readdir(base, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(base, path.join(entry.parentPath, entry.name)))
        .sort();
    const files = await listing(dir);
    assert.deepEqual(files, await listing(reference));
    assert.ok(files.length > 100, `a whole cluster, got ${files.length} files`);
    for (const file of files) {
      assert.ok((await readFile(path.join(dir, file))).equals(await readFile(path.join(reference, file))), file);
      assert.equal((await stat(path.join(dir, file))).mode & 0o777, 0o600, file);
    }
    const db = await openPglite(dir, template);
    assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    await db.close();
  });

  it('refuses a dump whose entry leaves the directory: nothing written, the template removed', async () => {
    const template = templateFile(root);
    await mkdir(path.dirname(template), { recursive: true });
    await writeFile(
      template,
      gzipSync(
        tarOf([
          { name: '/PG_VERSION', body: '18\n' },
          { name: '/../escaped', body: 'x' },
        ]),
      ),
    );
    const dir = path.join(root, 'hostile');
    await mkdir(dir);
    assert.equal(await extractTemplate(dir, template), false);
    assert.deepEqual(await readdir(dir), []);
    await assert.rejects(stat(path.join(root, 'escaped')), { code: 'ENOENT' });
    await assert.rejects(stat(template), { code: 'ENOENT' });
  });

  it('refuses a dump whose gzip is whole but whose tar is not, or that holds a link: the template removed', async () => {
    const template = templateFile(root);
    await mkdir(path.dirname(template), { recursive: true });
    const flipped = tarOf([{ name: '/PG_VERSION', body: '18\n' }]);
    flipped[0] = flipped[0]! ^ 0x01; // the first header's name: its checksum no longer matches
    const link = tarOf([{ name: '/PG_VERSION', body: '18\n' }]);
    link[156] = '2'.charCodeAt(0); // a symbolic link, its checksum made right again below
    link.write('        ', 148, 'latin1');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += link[i]!;
    link.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    for (const [name, archive] of [
      ['flipped', flipped],
      ['link', link],
    ] as const) {
      await writeFile(template, gzipSync(archive));
      const dir = path.join(root, name);
      await mkdir(dir);
      assert.equal(await extractTemplate(dir, template), false, name);
      assert.deepEqual(await readdir(dir), [], name);
      await assert.rejects(stat(template), { code: 'ENOENT' }, name);
    }
  });

  it('opens every warehouse with the smaller buffer pool', async () => {
    const db = await openPglite('memory://');
    assert.deepEqual((await db.query('SHOW shared_buffers')).rows, [{ shared_buffers: PGLITE_SHARED_BUFFERS }]);
    await db.close();
  });
});

/** A ustar archive of regular files, as PGlite's dump writes them. */
function tarOf(entries: readonly { name: string; body: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, body } of entries) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write('0000600\0', 100);
    header.write(`${Buffer.byteLength(body).toString(8).padStart(11, '0')}\0`, 124);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
    data.write(body);
    blocks.push(header, data);
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
