import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasErrorCode } from '../providers/core/index.ts';
import { pgHost } from '../providers/postgres/pg-client.ts';
import { parseStackOutputs, readStackOutputs, withStackOutputs } from './stack-outputs.ts';

/** The shape `terraform output -json` prints. */
const out = (values: Record<string, unknown>, sensitive: string[] = []) =>
  Object.fromEntries(
    Object.entries(values).map(([k, value]) => [k, { sensitive: sensitive.includes(k), type: typeof value, value }]),
  );

describe('stack outputs', () => {
  it('maps AWS outputs to JOBBENCH_AWS_* settings, the database URL without a password', () => {
    const outputs = parseStackOutputs(
      out({
        jobbench_cloud: 'aws',
        region: 'eu-west-3',
        lake_bucket: 'jobbench-lake-2026',
        db_host: 'jobbench-warehouse.abc.eu-west-3.rds.amazonaws.com',
        db_port: 5432,
        db_name: 'jobbench',
        db_iam_user: 'jobbench_pipeline',
      }),
    );
    assert.equal(outputs.cloud, 'aws');
    assert.deepEqual(outputs.env, {
      JOBBENCH_AWS_BUCKET: 'jobbench-lake-2026',
      JOBBENCH_AWS_REGION: 'eu-west-3',
      JOBBENCH_AWS_DATABASE_URL:
        'postgres://jobbench_pipeline@jobbench-warehouse.abc.eu-west-3.rds.amazonaws.com:5432/jobbench',
    });
  });

  it("passes a stack's lake key prefix on, and leaves an empty one unset", () => {
    const prefixed = parseStackOutputs(out({ jobbench_cloud: 'aws', lake_bucket: 'b', key_prefix: 'team-a/' }));
    assert.equal(prefixed.env.JOBBENCH_AWS_KEY_PREFIX, 'team-a/');
    const gcp = parseStackOutputs(out({ jobbench_cloud: 'gcp', lake_bucket: 'b', key_prefix: 'team-b/' }));
    assert.equal(gcp.env.JOBBENCH_GCP_KEY_PREFIX, 'team-b/');
    const none = parseStackOutputs(out({ jobbench_cloud: 'aws', lake_bucket: 'b', key_prefix: '' }));
    assert.ok(!('JOBBENCH_AWS_KEY_PREFIX' in none.env));
  });

  it('maps GCP and Azure outputs, encoding an Entra user name in the URL', () => {
    const gcp = parseStackOutputs(
      out({
        jobbench_cloud: 'gcp',
        project_id: 'p1',
        lake_bucket: 'p1-jobbench-lake',
        dataset: 'jobbench',
        region: 'us-central1',
      }),
    );
    assert.deepEqual(gcp.env, {
      JOBBENCH_GCP_PROJECT: 'p1',
      JOBBENCH_GCP_BUCKET: 'p1-jobbench-lake',
      JOBBENCH_GCP_DATASET: 'jobbench',
      JOBBENCH_GCP_LOCATION: 'us-central1',
    });
    const azure = parseStackOutputs(
      out({
        jobbench_cloud: 'azure',
        region: 'francecentral',
        blob_endpoint: 'https://stjobbench1234.blob.core.windows.net/',
        lake_container: 'lake',
        db_host: 'psql-jobbench-1234.postgres.database.azure.com',
        db_port: 5432,
        db_name: 'jobbench',
        db_user: 'ana@example.org',
      }),
    );
    assert.equal(azure.env.JOBBENCH_AZURE_ACCOUNT_URL, 'https://stjobbench1234.blob.core.windows.net');
    assert.equal(
      azure.env.JOBBENCH_AZURE_DATABASE_URL,
      'postgres://ana%40example.org@psql-jobbench-1234.postgres.database.azure.com:5432/jobbench',
    );
  });

  it('never copies a sensitive output', () => {
    const outputs = parseStackOutputs(
      out({ jobbench_cloud: 'gcp', lake_bucket: 'hidden', project_id: 'p' }, ['lake_bucket']),
    );
    assert.equal(outputs.env.JOBBENCH_GCP_BUCKET, undefined);
    assert.equal('lake_bucket' in outputs.values, false);
  });

  it('refuses a file that is not the outputs of a jobbench stack, as a configuration error', () => {
    for (const bad of [[], { bucket: 'x' }, out({ lake_bucket: 'x' }), out({ jobbench_cloud: 'oracle' })]) {
      assert.throws(
        () => parseStackOutputs(bad, 'outputs.json'),
        (e) => hasErrorCode(e, 'invalid-config'),
      );
    }
  });

  it('reads the file, and reports a missing or broken one as a configuration error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jobbench-outputs-'));
    try {
      const file = path.join(dir, 'outputs.json');
      await writeFile(file, JSON.stringify(out({ jobbench_cloud: 'aws', lake_bucket: 'b', region: 'eu-west-3' })));
      assert.equal((await readStackOutputs(file)).env.JOBBENCH_AWS_BUCKET, 'b');
      await assert.rejects(
        readStackOutputs(path.join(dir, 'absent.json')),
        (e) => hasErrorCode(e, 'invalid-config') && /no such file/.test(String(e)),
      );
      await writeFile(file, '{ not json');
      await assert.rejects(readStackOutputs(file), /not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets variables already set win over the outputs', () => {
    const outputs = parseStackOutputs(out({ jobbench_cloud: 'aws', lake_bucket: 'from-stack', region: 'eu-west-3' }));
    const env = withStackOutputs({ JOBBENCH_AWS_BUCKET: 'mine', JOBBENCH_AWS_REGION: '' }, outputs);
    assert.equal(env.JOBBENCH_AWS_BUCKET, 'mine');
    assert.equal(env.JOBBENCH_AWS_REGION, 'eu-west-3');
  });

  it('refuses a database host or port that would steer the connection, and encodes the rest', () => {
    const db = (over: Record<string, unknown>) =>
      out({
        jobbench_cloud: 'aws',
        db_host: 'jobbench-warehouse.abc.eu-west-3.rds.amazonaws.com',
        db_port: 5432,
        db_name: 'jobbench',
        db_iam_user: 'jobbench_pipeline',
        ...over,
      });
    const hostileHosts = [
      '127.0.0.1:15432/db?host=evil.example',
      '127.0.0.1/db?host=evil.example#',
      'evil.example?host=127.0.0.1',
      'user@evil.example',
      'evil.example#x',
      'evil.example:5432',
      '127.0.0.1,evil.example',
      'evil example',
      'evil.example\u0000',
      '%2Ftmp',
      '',
      '[::1]',
      42,
    ];
    for (const db_host of hostileHosts) {
      assert.throws(
        () => parseStackOutputs(db({ db_host }), 'outputs.json'),
        (e) => hasErrorCode(e, 'invalid-config') && /db_host/.test(String(e)),
        String(db_host),
      );
    }
    for (const db_port of ['5432/db?host=evil.example', '5432?host=evil.example', 'abc', 5432.5, 0, 70000, '', -1]) {
      assert.throws(
        () => parseStackOutputs(db({ db_port }), 'outputs.json'),
        (e) => hasErrorCode(e, 'invalid-config') && /db_port/.test(String(e)),
        String(db_port),
      );
    }
    // Names and users are data, not structure: encoded, the host stays the stack's.
    const url = parseStackOutputs(
      db({ db_name: 'jobbench?host=evil.example', db_iam_user: 'a@evil.example:1/x?host=evil.example' }),
    ).env.JOBBENCH_AWS_DATABASE_URL!;
    assert.equal(pgHost(url, {}), 'jobbench-warehouse.abc.eu-west-3.rds.amazonaws.com');
    assert.equal(new URL(url).searchParams.size, 0);
  });

  it('accepts only an https origin as the blob endpoint a SAS token is sent to', () => {
    const azure = (blob_endpoint: unknown) => out({ jobbench_cloud: 'azure', blob_endpoint, lake_container: 'lake' });
    const hostile = [
      'http://stjobbench1234.blob.core.windows.net/',
      'https://user:pass@stjobbench1234.blob.core.windows.net/',
      'https://stjobbench1234.blob.core.windows.net/?sig=x',
      'https://stjobbench1234.blob.core.windows.net/#x',
      'https://stjobbench1234.blob.core.windows.net/lake/other',
      'ftp://stjobbench1234.blob.core.windows.net/',
      'javascript:alert(1)',
      'stjobbench1234.blob.core.windows.net',
      '',
    ];
    for (const endpoint of hostile) {
      assert.throws(
        () => parseStackOutputs(azure(endpoint), 'outputs.json'),
        (e) => hasErrorCode(e, 'invalid-config') && /blob_endpoint/.test(String(e)),
        endpoint,
      );
    }
    assert.equal(
      parseStackOutputs(azure('https://stjobbench1234.blob.core.windows.net')).env.JOBBENCH_AZURE_ACCOUNT_URL,
      'https://stjobbench1234.blob.core.windows.net',
    );
  });
});
