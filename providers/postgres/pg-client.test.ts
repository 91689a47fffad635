import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { hasErrorCode } from '../core/index.ts';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { startPgWireStub, type PgWireStub } from '../testing/pg-wire-stub.ts';
import { isLoopbackHost } from '../core/index.ts';
import { classifyPgError, openPgClient, pgHost, pgProviderError, resolvePgTls } from './pg-client.ts';
import type { SqlClient } from './sql-client.ts';

describe('pg client (local PostgreSQL)', function () {
  let client: SqlClient;
  const schema = `pgclient_${randomUUID().slice(0, 8)}`;
  const table = `"${schema}".items`;
  before(async function () {
    needs(this, 'emulators');
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
    assert.deepEqual(
      rows.rows.map((r) => r.doc),
      docs,
    );
  });

  it('copies CSV sent as byte pieces, even with a character split between two pieces', async function () {
    const bytes = Buffer.from('10,"Île-de-France ✓"\n11,"second"\n');
    const cut = bytes.indexOf(Buffer.from('✓')) + 1; // inside the three bytes of ✓
    await client.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO "${schema}"`);
      await tx.copyCsv('items', ['id', 'doc'], [bytes.subarray(0, cut), bytes.subarray(cut)]);
    });
    const rows = await client.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE id >= 10 ORDER BY id`);
    assert.deepEqual(
      rows.rows.map((r) => r.doc),
      ['Île-de-France ✓', 'second'],
    );
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
    const missing = await client
      .query('SELECT * FROM no_such_table_here')
      .catch((error: unknown) => pgProviderError('aws', error, 'warehouse.query'));
    assert.equal((missing as { code: string }).code, 'not-found');
    assert.match((missing as Error).message, /SQLSTATE 42P01/);
    const refused = openPgClient({
      connectionString: 'postgres://postgres@127.0.0.1:1/postgres',
      tls: false,
      connectTimeoutMs: 2000,
    });
    try {
      const error = await refused.query('SELECT 1').then(
        () => null,
        (e: unknown) => pgProviderError('aws', e, 'warehouse.open'),
      );
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
    assert.deepEqual(resolvePgTls('require', '127.0.0.1', undefined), { verify: false });
    assert.deepEqual(resolvePgTls('verify-full', '127.0.0.1', undefined), { verify: true });
    assert.equal(resolvePgTls('disable', '/var/run/postgresql', undefined), false);
  });

  it('refuses plain TCP or an unchecked certificate to a database that is not on this machine', function () {
    for (const mode of ['disable', 'require'] as const) {
      for (const host of ['db.example.com', 'x.postgres.database.azure.com', '10.0.0.5', '127.evil.example']) {
        assert.throws(
          () => resolvePgTls(mode, host, undefined),
          (e) => hasErrorCode(e, 'invalid-config') && /verify-full/.test(String(e)),
          `${mode} ${host}`,
        );
      }
    }
  });

  it('counts as loopback only 127.0.0.0/8, ::1, localhost and unix sockets, not names that look like them', function () {
    for (const host of ['127.0.0.1', '127.3.2.1', '::1', '[::1]', 'localhost', 'LOCALHOST', '/var/run/postgresql'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of [
      '127.evil.example',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      '0.0.0.0',
      '10.0.0.1',
      'evil.example',
      '',
    ]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});

/**
 * The driver connects to a `host=` query parameter (and to PGHOST when the URL names no
 * host), not to the URL's host name: the TLS decision must follow it. The destination here
 * is this machine's own name, which resolves to 127.0.0.1 through /etc/hosts, so the wire
 * stub can stand in for a remote server that jobbench cannot prove to be local.
 */
describe('pg destination (where the driver connects)', function () {
  it('follows host= and port= parameters, the last one when repeated, and PGHOST for an empty host, as pg does', function () {
    assert.equal(pgHost('postgres://u@127.0.0.1:5432/db?host=evil.example', {}), 'evil.example');
    assert.equal(pgHost('postgres://u@127.0.0.1:5432/db?host=127.0.0.1&host=evil.example', {}), 'evil.example');
    assert.equal(pgHost('postgres://u@/db', { PGHOST: 'evil.example' }), 'evil.example');
    assert.equal(pgHost(undefined, { PGHOST: 'evil.example' }), 'evil.example');
    assert.equal(pgHost(undefined, {}), 'localhost');
    assert.equal(pgHost('postgres://u@%2Fvar%2Frun%2Fpostgresql/db', {}), '/var/run/postgresql');
    assert.equal(pgHost('postgresql://u@[::1]:5432/db', {}), '::1');
  });

  it('refuses, naming the problem but never the URL, what would route elsewhere or cannot be checked', function () {
    const refusedUrls = [
      'postgres://u:secret@127.0.0.1:5432/db?host=127.0.0.1,evil.example',
      'postgres://u:secret@127.0.0.1:5432/db?hostaddr=203.0.113.9',
      'postgres://u:secret@127.0.0.1:5432/db?service=prod',
      'postgres://u:secret@127.0.0.1:5432/db?target_session_attrs=read-write',
      'postgres://u:secret@127.0.0.1:5432/db?host=evil.example%00',
      'postgres://u:secret@127.0.0.1:5432/db?host=evil.example%2Fx',
      'postgres://u:secret@127.0.0.1:5432/db?port=5432x',
      'postgres://u:secret@127.0.0.1:5432/db?port=70000',
      'http://u:secret@127.0.0.1:5432/db',
      'postgres://u:secret@:5432/db',
    ];
    for (const url of refusedUrls) {
      assert.throws(
        () => pgHost(url, {}),
        (e) => hasErrorCode(e, 'invalid-config') && !String(e).includes('secret'),
        url,
      );
    }
    assert.throws(() => pgHost(undefined, { PGHOST: 'a.example,b.example' }), /several hosts/);
    assert.throws(
      () =>
        openPgClient({ connectionString: 'postgres://u@127.0.0.1/db?sslrootcert=/etc/shadow&binary=true', tls: false }),
      /"binary" is not supported/,
    );
  });
});

describe('pg TLS follows where the driver connects (wire stub)', function () {
  let stub: PgWireStub;
  let remoteName: string;
  const password = 'pw-never-in-clear';

  before(async function () {
    remoteName = hostname();
    const resolved = await lookup(remoteName, { family: 4 }).catch(() => null);
    if (!resolved?.address.startsWith('127.') || isLoopbackHost(remoteName)) {
      process.stdout.write(`      (skipped: this machine's name ${remoteName} does not resolve to 127.0.0.1)\n`);
      this.skip();
    }
    stub = await startPgWireStub();
  });

  after(async function () {
    await stub?.close();
  });

  /** Opens the way the RDS and Azure warehouses do: destination → TLS → pool; runs one query. */
  async function connectLikeAWarehouse(
    url: string | undefined,
    env: Record<string, string | undefined>,
  ): Promise<'refused' | 'failed' | 'ok'> {
    let client: SqlClient;
    try {
      const host = pgHost(url, env);
      const tls = resolvePgTls('auto', host, undefined);
      client = openPgClient({ ...(url ? { connectionString: url } : {}), env, tls, connectTimeoutMs: 3000 });
    } catch (error) {
      // Refused before any byte is sent: the safe outcome (the message is checked elsewhere).
      if (hasErrorCode(error, 'invalid-config')) return 'refused';
      throw error;
    }
    try {
      await client.query('SELECT 1');
      return 'ok';
    } catch {
      return 'failed';
    } finally {
      await client.close();
    }
  }

  it('never sends the password in clear to a host steered by the URL or the environment', async function () {
    const p = stub.port;
    const hostile: Array<[string | undefined, Record<string, string | undefined>]> = [
      [`postgres://jobbench:${password}@127.0.0.1:${p}/db?host=${remoteName}`, {}],
      [`postgres://jobbench:${password}@localhost:${p}/db?host=${remoteName}`, {}],
      [`postgres://jobbench:${password}@127.0.0.1:1/db?host=${remoteName}&port=${p}`, {}],
      [`postgres://jobbench:${password}@127.0.0.1:${p}/db?host=127.0.0.1&host=${remoteName}`, {}],
      [`postgresql://jobbench:${password}@[::1]:${p}/db?host=${remoteName}`, {}],
      [`postgres://jobbench:${password}@${remoteName}:${p}/db?sslmode=disable`, {}],
      [`postgres://jobbench:${password}@${remoteName}:${p}/db?ssl=false`, {}],
      [`postgres://jobbench:${password}@${remoteName}:${p}/db?ssl=0&sslmode=disable&uselibpqcompat=true`, {}],
      [`postgres://jobbench:${password}@:${p}/db`, { PGHOST: remoteName }],
      [undefined, { PGHOST: remoteName, PGPORT: String(p), PGUSER: 'jobbench', PGPASSWORD: password }],
    ];
    const leaked: string[] = [];
    const outcomes: string[] = [];
    for (const [url, env] of hostile) {
      const from = stub.connections.length;
      outcomes.push(await connectLikeAWarehouse(url, env).catch((e: unknown) => `threw ${String(e)}`));
      const seen = stub.connections.slice(from);
      if (seen.some((c) => c.clearPassword !== null || c.plainStartup)) leaked.push(url ?? `PGHOST=${env.PGHOST}`);
    }
    assert.deepEqual(leaked, [], 'the client talked to the stub in clear');
    assert.ok(
      stub.connections.every((c) => c.sslRequest),
      JSON.stringify(stub.connections),
    );
    assert.deepEqual(
      outcomes.filter((o) => o !== 'refused' && o !== 'failed'),
      [],
    );
  });

  it('refuses plain TCP asked for directly when the driver would go elsewhere than this machine', async function () {
    const before = stub.connections.length;
    for (const url of [
      `postgres://jobbench:${password}@127.0.0.1:${stub.port}/db?host=${remoteName}`,
      `postgres://jobbench:${password}@${remoteName}:${stub.port}/db`,
    ]) {
      assert.throws(
        () => openPgClient({ connectionString: url, tls: false }),
        (e) => hasErrorCode(e, 'invalid-config'),
        url,
      );
    }
    assert.equal(stub.connections.length, before);
  });
});

describe('pg client on the local PostgreSQL 15 (loopback, plain)', function () {
  it('connects in plain TCP to 127.0.0.1:5432 under auto, with a host= parameter naming it too', async function () {
    const env = {};
    for (const url of [
      'postgres://postgres@127.0.0.1:5432/postgres',
      'postgres://postgres@localhost:5432/postgres?host=127.0.0.1&application_name=jobbench-tls-test',
    ]) {
      const client = openPgClient({
        connectionString: url,
        env,
        tls: resolvePgTls('auto', pgHost(url, env), undefined),
        connectTimeoutMs: 5000,
      });
      try {
        const rows = await client.query<{ ssl: boolean | null }>(
          'SELECT (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl',
        );
        assert.equal(rows.rows[0]?.ssl, false);
      } finally {
        await client.close();
      }
    }
  });
});

describe('pg password callback (wire stub)', function () {
  let stub: PgWireStub;

  before(async function () {
    stub = await startPgWireStub();
  });

  after(async function () {
    await stub?.close();
  });

  it('asks the callback for a new password on every new connection and sends what it returns', async function () {
    const handedOut: string[] = [];
    const password = async () => {
      const token = `token-${handedOut.length + 1}`;
      handedOut.push(token);
      return token;
    };
    const client = openPgClient({
      connectionString: `postgres://jobbench@127.0.0.1:${stub.port}/db`,
      tls: false,
      password,
    });
    try {
      // Two queries at once need two connections; the stub refuses each after reading its password.
      const outcomes = await Promise.allSettled([client.query('SELECT 1'), client.query('SELECT 2')]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['rejected', 'rejected'],
      );
      await assert.rejects(
        client.query('SELECT 3'),
        (error: unknown) => classifyPgError(error).code === 'unauthenticated',
      );
    } finally {
      await client.close();
    }
    assert.deepEqual(handedOut, ['token-1', 'token-2', 'token-3']);
    assert.deepEqual(stub.connections.map((c) => c.clearPassword).sort(), handedOut);
  });

  it('sends the callback’s password, not one written in the URL', async function () {
    const before = stub.connections.length;
    const client = openPgClient({
      connectionString: `postgres://jobbench:static-in-url@127.0.0.1:${stub.port}/db`,
      tls: false,
      password: async () => 'fresh-token',
    });
    await assert.rejects(client.query('SELECT 1'));
    await client.close();
    assert.deepEqual(
      stub.connections.slice(before).map((c) => c.clearPassword),
      ['fresh-token'],
    );
  });
});
