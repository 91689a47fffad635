import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { emulatorEnv, requireEmulators } from '../testing/emulators/test-session.ts';
import { classifyPgError, openPgClient, pgProviderError, resolvePgTls } from './pg-client.ts';
import type { SqlClient } from './sql-client.ts';

describe('pg client (local PostgreSQL)', function () {
  let client: SqlClient;
  const schema = `pgclient_${randomUUID().slice(0, 8)}`;
  const table = `"${schema}".items`;
  before(function () {
    requireEmulators(this);
  });

  before(async function () {
    // The emulated RDS database the hooks create; sslmode in the URL must not matter.
    const url = new URL(emulatorEnv('aws').JOBBENCH_AWS_DATABASE_URL!);
    url.searchParams.set('sslmode', 'require');
    client = openPgClient({ connectionString: url.toString(), tls: false });
    await client.exec(`CREATE SCHEMA "${schema}"; CREATE TABLE ${table} (id INT PRIMARY KEY, doc TEXT NOT NULL)`);
  });

  after(async function () {
    if (!client) return;
    await client.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.close();
  });

  it('copies CSV with quotes, commas, newlines and accents verbatim', async function () {
    const docs = ['plain', 'a "quoted", comma', 'two\nlines', 'Île-de-France ✓'];
    const csv = docs.map((doc, i) => `${i},"${doc.replaceAll('"', '""')}"`).join('\n');
    await client.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO "${schema}"`);
      await tx.copyCsv('items', ['id', 'doc'], `${csv}\n`);
    });
    const rows = await client.query<{ id: number; doc: string }>(`SELECT id, doc FROM ${table} ORDER BY id`);
    assert.deepEqual(rows.rows.map((r) => r.doc), docs);
  });

  it('copies CSV sent as byte pieces, even with a character split between two pieces', async function () {
    const bytes = Buffer.from('10,"Île-de-France ✓"\n11,"second"\n');
    const cut = bytes.indexOf(Buffer.from('✓')) + 1; // inside the three bytes of ✓
    await client.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO "${schema}"`);
      await tx.copyCsv('items', ['id', 'doc'], [bytes.subarray(0, cut), bytes.subarray(cut)]);
    });
    const rows = await client.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE id >= 10 ORDER BY id`);
    assert.deepEqual(rows.rows.map((r) => r.doc), ['Île-de-France ✓', 'second']);
    await client.query(`DELETE FROM ${table} WHERE id >= 10`);
  });

  it('rolls a failed transaction back and keeps the pool usable', async function () {
    await assert.rejects(
      client.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} (id, doc) VALUES (100, 'kept?')`);
        await tx.query(`INSERT INTO ${table} (id, doc) VALUES (0, 'duplicate id')`);
      }),
      (error: unknown) => classifyPgError(error).code === 'already-exists',
    );
    const rows = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE id = 100`);
    assert.equal(rows.rows[0]?.n, 0);
  });

  it('reports affected rows', async function () {
    const result = await client.query(`UPDATE ${table} SET doc = doc WHERE id < 2`);
    assert.equal(result.affectedRows, 2);
  });

  it('maps a real server error and a refused connection', async function () {
    const missing = await client.query('SELECT * FROM no_such_table_here').catch((error: unknown) => pgProviderError('aws', error, 'warehouse.query'));
    assert.equal((missing as { code: string }).code, 'not-found');
    assert.match((missing as Error).message, /SQLSTATE 42P01/);
    const refused = openPgClient({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', tls: false, connectTimeoutMs: 2000 });
    try {
      const error = await refused.query('SELECT 1').then(() => null, (e: unknown) => pgProviderError('aws', e, 'warehouse.open'));
      assert.equal(error?.code, 'connection');
      assert.equal(error?.retryable, true);
      assert.doesNotMatch(error?.message ?? '', /127\.0\.0\.1/);
    } finally {
      await refused.close();
    }
  });
});

describe('pg TLS modes', function () {
  it('uses plain TCP only for a loopback host under auto', function () {
    assert.equal(resolvePgTls('auto', '127.0.0.1', undefined), false);
    assert.equal(resolvePgTls('auto', 'localhost', undefined), false);
    assert.deepEqual(resolvePgTls('auto', 'db.eu-west-3.rds.amazonaws.com', 'PEM'), { verify: true, ca: 'PEM' });
    assert.deepEqual(resolvePgTls('require', 'x.postgres.database.azure.com', undefined), { verify: false });
    assert.deepEqual(resolvePgTls('verify-full', '127.0.0.1', undefined), { verify: true });
    assert.equal(resolvePgTls('disable', 'db.example.com', undefined), false);
  });
});
