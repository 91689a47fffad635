/**
 * RDS IAM authentication without an AWS account: the token is a SigV4 presigned URL signed
 * locally, so its shape is checked offline, and the PostgreSQL wire stub shows the token is
 * the password the server receives, a fresh one per connection.
 */
import assert from 'node:assert/strict';
import { startPgWireStub, type PgWireStub } from '../testing/pg-wire-stub.ts';
import { readAwsConfig } from './config.ts';
import { rdsIamPassword } from './rds-iam-token.ts';
import { openRdsWarehouse } from './warehouse.ts';

/** AWS's documentation example key pair: it signs, and opens nothing. */
const STATIC_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/EXAMPLEKEY' };

/** The token is `host:port/?Action=connect&DBUser=…&X-Amz-…`: a URL without its scheme. */
function readToken(token: string): URL {
  return new URL(`https://${token}`);
}

describe('RDS IAM auth token', function () {
  it('is a presigned rds-db:connect URL for the host, port and user of the database URL, for 15 minutes', async function () {
    const password = rdsIamPassword({
      databaseUrl: 'postgres://jobbench_app@db.abc123.eu-west-3.rds.amazonaws.com:5433/jobbench',
      env: {},
      region: 'eu-west-3',
      credentials: STATIC_CREDENTIALS,
    });
    const url = readToken(await password());
    assert.equal(url.hostname, 'db.abc123.eu-west-3.rds.amazonaws.com');
    assert.equal(url.port, '5433');
    assert.equal(url.searchParams.get('Action'), 'connect');
    assert.equal(url.searchParams.get('DBUser'), 'jobbench_app');
    assert.equal(url.searchParams.get('X-Amz-Algorithm'), 'AWS4-HMAC-SHA256');
    assert.equal(url.searchParams.get('X-Amz-Expires'), '900');
    assert.match(
      url.searchParams.get('X-Amz-Credential') ?? '',
      /^AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-3\/rds-db\/aws4_request$/,
    );
    assert.match(url.searchParams.get('X-Amz-Signature') ?? '', /^[0-9a-f]{64}$/);
  });

  it('takes the host, port and user from the PG* variables when there is no URL', async function () {
    const password = rdsIamPassword({
      databaseUrl: undefined,
      env: { PGHOST: 'db.example.rds.amazonaws.com', PGPORT: '5432', PGUSER: 'runner' },
      region: 'us-east-1',
      credentials: STATIC_CREDENTIALS,
    });
    const url = readToken(await password());
    assert.equal(url.host, 'db.example.rds.amazonaws.com:5432');
    assert.equal(url.searchParams.get('DBUser'), 'runner');
  });

  it('is signed for JOBBENCH_AWS_PG_IAM_ENDPOINT when the URL names a tunnel on this machine', async function () {
    const env = {
      JOBBENCH_AWS_BUCKET: 'lake',
      JOBBENCH_AWS_DATABASE_URL: 'postgres://runner@127.0.0.1:15432/jobbench',
      JOBBENCH_AWS_PG_IAM_AUTH: 'true',
      JOBBENCH_AWS_PG_IAM_ENDPOINT: 'db.abc123.eu-west-3.rds.amazonaws.com:5432',
    };
    const config = readAwsConfig(env);
    const password = rdsIamPassword({
      databaseUrl: config.databaseUrl,
      env,
      region: config.region,
      endpoint: config.pgIamEndpoint,
      credentials: STATIC_CREDENTIALS,
    });
    assert.equal(readToken(await password()).host, 'db.abc123.eu-west-3.rds.amazonaws.com:5432');
    const hostOnly = readAwsConfig({ ...env, JOBBENCH_AWS_PG_IAM_ENDPOINT: 'db.example.com' }).pgIamEndpoint;
    assert.deepEqual(hostOnly, { hostname: 'db.example.com' });
    assert.throws(
      () => readAwsConfig({ ...env, JOBBENCH_AWS_PG_IAM_ENDPOINT: 'https://db.example.com/' }),
      /JOBBENCH_AWS_PG_IAM_ENDPOINT must be host or host:port/,
    );
  });

  it('refuses a database without a user, naming where the user goes', function () {
    assert.throws(
      () => rdsIamPassword({ databaseUrl: 'postgres://db.example.com/x', env: {}, region: 'eu-west-3' }),
      /JOBBENCH_AWS_PG_IAM_AUTH=true needs the database user.*JOBBENCH_AWS_DATABASE_URL or PGUSER/,
    );
  });
});

describe('RDS warehouse with JOBBENCH_AWS_PG_IAM_AUTH=true (wire stub)', function () {
  let stub: PgWireStub;

  before(async function () {
    stub = await startPgWireStub();
  });

  after(async function () {
    await stub?.close();
  });

  it('sends a token signed for the database as the password of each new connection', async function () {
    const env = {
      JOBBENCH_AWS_BUCKET: 'lake',
      JOBBENCH_AWS_REGION: 'eu-west-3',
      JOBBENCH_AWS_DATABASE_URL: `postgres://jobbench_app@127.0.0.1:${stub.port}/jobbench`,
      JOBBENCH_AWS_PG_IAM_AUTH: 'true',
    };
    const warehouse = await openRdsWarehouse(readAwsConfig(env), env, { iamCredentials: STATIC_CREDENTIALS });
    try {
      await assert.rejects(warehouse.migrate());
      await assert.rejects(warehouse.migrate());
    } finally {
      await warehouse.close().catch(() => undefined);
    }
    const passwords = stub.connections.map((c) => c.clearPassword);
    assert.ok(passwords.length >= 2, `${passwords.length} connection(s)`);
    for (const password of passwords) {
      const url = readToken(password ?? '');
      assert.equal(url.host, `127.0.0.1:${stub.port}`);
      assert.equal(url.searchParams.get('DBUser'), 'jobbench_app');
      assert.match(url.searchParams.get('X-Amz-Credential') ?? '', /\/eu-west-3\/rds-db\/aws4_request$/);
    }
  });

  it('keeps the password of the URL when IAM auth is off', async function () {
    const before = stub.connections.length;
    const env = {
      JOBBENCH_AWS_BUCKET: 'lake',
      JOBBENCH_AWS_DATABASE_URL: `postgres://jobbench_app:from-url@127.0.0.1:${stub.port}/jobbench`,
    };
    const warehouse = await openRdsWarehouse(readAwsConfig(env), env);
    await assert.rejects(warehouse.migrate());
    await warehouse.close().catch(() => undefined);
    assert.deepEqual(
      stub.connections.slice(before).map((c) => c.clearPassword),
      ['from-url'],
    );
  });
});
