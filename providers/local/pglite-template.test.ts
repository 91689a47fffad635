import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openPglite } from './pglite-client.ts';
import { ensureTemplate, templateFile } from './pglite-template.ts';

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
});
