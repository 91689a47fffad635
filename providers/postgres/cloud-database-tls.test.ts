/**
 * A cloud database (the aws and azure providers) is never reached without verified TLS,
 * whatever the database URL, PGHOST or PG_TLS say. The "remote" database is a PostgreSQL
 * wire stub on 127.0.0.1 reached through this machine's own name, which resolves to
 * 127.0.0.1 through /etc/hosts but which jobbench cannot prove to be local: what the stub
 * records is exactly what a remote server would have received.
 */
import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { readAwsConfig } from '../aws/config.ts';
import { openRdsWarehouse } from '../aws/warehouse.ts';
import { readAzureConfig } from '../azure/config.ts';
import { azurePostgresRoots } from '../azure/postgres-roots.ts';
import { openAzurePgWarehouse } from '../azure/warehouse.ts';
import { hasErrorCode, isLoopbackHost, type Env } from '../core/index.ts';
import { startPgWireStub, type PgWireStub } from '../testing/pg-wire-stub.ts';

const PASSWORD = 'cloud-db-password';
const AZURE_STORAGE = {
  JOBBENCH_AZURE_ACCOUNT_URL: 'https://stjobbench.blob.core.windows.net',
  JOBBENCH_AZURE_CONTAINER: 'lake',
};

describe('cloud databases are reached only with verified TLS', function () {
  let stub: PgWireStub;
  let remote: string;
  let dir: string;
  let bundle: string;

  before(async function () {
    remote = hostname();
    const resolved = await lookup(remote, { family: 4 }).catch(() => null);
    if (!resolved?.address.startsWith('127.') || isLoopbackHost(remote)) {
      process.stdout.write(`      (skipped: this machine's name ${remote} does not resolve to 127.0.0.1)\n`);
      this.skip();
    }
    stub = await startPgWireStub();
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-tls-'));
    // Any real PEM stands in for the RDS bundle: the stub refuses TLS before a certificate matters.
    bundle = path.join(dir, 'global-bundle.pem');
    await writeFile(bundle, rootCertificates[0]!);
  });

  after(async function () {
    await stub?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Opens the provider's warehouse the way a run does and runs its first statement. */
  async function openAndMigrate(cloud: 'aws' | 'azure', env: Env): Promise<string> {
    try {
      const warehouse =
        cloud === 'aws'
          ? await openRdsWarehouse(readAwsConfig(env), env)
          : await openAzurePgWarehouse(readAzureConfig(env), env);
      try {
        await warehouse.migrate();
        return 'connected';
      } catch {
        return 'failed';
      } finally {
        await warehouse.close().catch(() => undefined);
      }
    } catch (error) {
      if (hasErrorCode(error, 'invalid-config')) return 'refused';
      throw error;
    }
  }

  it('sends an SSLRequest first and never a password in clear, for every hostile URL and environment', async function () {
    const p = stub.port;
    const urls = [
      `postgres://jobbench:${PASSWORD}@127.0.0.1:${p}/jobbench?host=${remote}`,
      `postgres://jobbench:${PASSWORD}@localhost:1/jobbench?host=${remote}&port=${p}`,
      `postgres://jobbench:${PASSWORD}@127.0.0.1:${p}/jobbench?host=127.0.0.1&host=${remote}&sslmode=disable`,
      `postgres://jobbench:${PASSWORD}@${remote}:${p}/jobbench?ssl=0`,
    ];
    const cases: Array<['aws' | 'azure', Env]> = [
      ...urls.map((url): ['aws', Env] => [
        'aws',
        { JOBBENCH_AWS_BUCKET: 'b', JOBBENCH_AWS_DATABASE_URL: url, JOBBENCH_AWS_RDS_CA_BUNDLE: bundle },
      ]),
      ...urls.map((url): ['azure', Env] => ['azure', { ...AZURE_STORAGE, JOBBENCH_AZURE_DATABASE_URL: url }]),
      [
        'aws',
        {
          JOBBENCH_AWS_BUCKET: 'b',
          JOBBENCH_AWS_RDS_CA_BUNDLE: bundle,
          PGHOST: remote,
          PGPORT: String(p),
          PGPASSWORD: PASSWORD,
        },
      ],
      ['azure', { ...AZURE_STORAGE, PGHOST: remote, PGPORT: String(p), PGPASSWORD: PASSWORD }],
    ];
    const clear: string[] = [];
    const outcomes: string[] = [];
    for (const [cloud, env] of cases) {
      const from = stub.connections.length;
      outcomes.push(await openAndMigrate(cloud, env));
      if (stub.connections.slice(from).some((c) => c.plainStartup || c.clearPassword !== null))
        clear.push(`${cloud} ${JSON.stringify(env)}`);
    }
    assert.deepEqual(clear, [], 'a provider talked to a remote database in clear');
    assert.ok(
      stub.connections.length > 0 && stub.connections.every((c) => c.sslRequest),
      JSON.stringify(stub.connections),
    );
    assert.deepEqual(
      outcomes.filter((o) => o === 'connected'),
      [],
    );
  });

  it('refuses PG_TLS=disable or require for a database that is not on this machine, before connecting', function () {
    const before = stub.connections.length;
    const steered = `postgres://jobbench:${PASSWORD}@127.0.0.1:${stub.port}/jobbench?host=${remote}`;
    for (const mode of ['disable', 'require']) {
      const aws = { JOBBENCH_AWS_BUCKET: 'b', JOBBENCH_AWS_DATABASE_URL: steered, JOBBENCH_AWS_PG_TLS: mode };
      assert.throws(
        () => readAwsConfig(aws),
        (e) =>
          hasErrorCode(e, 'invalid-config') &&
          new RegExp(`JOBBENCH_AWS_PG_TLS=${mode}`).test(String(e)) &&
          !String(e).includes(PASSWORD),
      );
      const azure = {
        ...AZURE_STORAGE,
        PGHOST: 'psql-jobbench.postgres.database.azure.com',
        JOBBENCH_AZURE_PG_TLS: mode,
      };
      assert.throws(
        () => readAzureConfig(azure),
        (e) => hasErrorCode(e, 'invalid-config') && new RegExp(`JOBBENCH_AZURE_PG_TLS=${mode}`).test(String(e)),
      );
    }
    // The emulated database stays plain: loopback, named directly.
    assert.equal(readAwsConfig({ JOBBENCH_AWS_BUCKET: 'b', JOBBENCH_AWS_PG_TLS: 'disable' }).pgTls, 'disable');
    assert.equal(stub.connections.length, before);
  });

  it('refuses a database URL parameter that routes the connection in a way it cannot check', function () {
    for (const query of [
      'hostaddr=203.0.113.9',
      'service=prod',
      'host=a.example,b.example',
      'target_session_attrs=any',
    ]) {
      const url = `postgres://jobbench:${PASSWORD}@psql-jobbench.postgres.database.azure.com:5432/jobbench?${query}`;
      assert.throws(
        () => readAzureConfig({ ...AZURE_STORAGE, JOBBENCH_AZURE_DATABASE_URL: url }),
        (e) => hasErrorCode(e, 'invalid-config') && !String(e).includes(PASSWORD),
        query,
      );
    }
  });

  it("pins Azure's verify-full to its own roots from Node's store", function () {
    const names = azurePostgresRoots()
      .split(/(?<=-----END CERTIFICATE-----)\n/)
      .map((pem) => new X509Certificate(pem).subject.split('\n').find((part) => part.startsWith('CN=')))
      .sort();
    assert.deepEqual(names, [
      'CN=DigiCert Global Root CA',
      'CN=DigiCert Global Root G2',
      'CN=Microsoft RSA Root Certificate Authority 2017',
    ]);
  });
});
