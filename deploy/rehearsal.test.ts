/**
 * The rehearsal of the deployed collector (issue #17): the zip `npm run package:collector`
 * builds, unpacked and its handler invoked under Node the way Lambda would, with only the
 * environment the AWS stack gives the function, against moto (S3 and Secrets Manager) and
 * local stand-ins for Adzuna and France Travail. What it proves: the bundle loads on its own,
 * reads its keys from the secret, writes raw pages and the manifest under raw/, runs/ and
 * state/ only, and no key reaches the lake or the logs. Then the in-region runner's zip, invoked
 * the same way with the environment the stack gives it (moto for S3, the local PostgreSQL for
 * RDS), runs the benchmark and publishes its results under results/; `jobbench results pull`
 * with the stack's outputs brings them back, and `jobbench dashboards` shows where they were
 * measured from.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { emulatorEnv } from '../emulators/test-session.ts';
import { startFakeAdzuna } from '../pipeline/sources/test-support/adzuna-server.ts';
import { startFakeFranceTravail } from '../pipeline/sources/test-support/francetravail-server.ts';
import type { LocalServer } from '../pipeline/sources/test-support/local-server.ts';
import { packageCollector, packageLambda } from '../scripts/package-collector.ts';
import { needs } from '../test/support/needs.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

const run = promisify(execFile);
const REGION = 'eu-west-3';
const NEWEST = new Date('2026-11-27T09:00:00Z');
/** Fake keys, long and distinctive enough that any copy of them in the lake or the logs is found. */
const KEYS = {
  ADZUNA_APP_ID: 'rehearsal-adzuna-id-4711',
  ADZUNA_APP_KEY: 'rehearsal-adzuna-key-0815',
  FRANCE_TRAVAIL_CLIENT_ID: 'rehearsal-ft-client-2342',
  FRANCE_TRAVAIL_CLIENT_SECRET: 'rehearsal-ft-secret-1337',
};

/** Invokes the bundled handler in a fresh Node process whose whole environment is `env`, as Lambda does. */
async function invokeHandler(
  bundle: string,
  env: Record<string, string>,
  event: unknown = {},
): Promise<{ stdout: string; stderr: string }> {
  const script =
    'const { handler } = await import(process.argv[1]);' +
    'process.stdout.write("result: " + JSON.stringify(await handler(JSON.parse(process.argv[2]))) + "\\n");';
  return run(
    process.execPath,
    ['--input-type=module', '-e', script, pathToFileURL(bundle).href, JSON.stringify(event)],
    {
      env,
      cwd: path.dirname(bundle),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

/** `jobbench <args>` from the sources in `dir`, as the operator runs it; its stdout. */
async function jobbench(args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'jobbench.js'), ...args], {
    env,
    cwd,
  });
  return stdout;
}

describe('rehearsal: the packaged AWS collector and runner on the emulators', function () {
  this.timeout(180_000);
  let dir: string;
  let adzuna: LocalServer;
  let franceTravail: Awaited<ReturnType<typeof startFakeFranceTravail>>;
  let s3: S3Client;
  let secrets: SecretsManagerClient;
  let moto: string;

  before(async function () {
    needs(this, 'emulators');
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // Node 20 is supported (providers.md)
    moto = emulatorEnv('aws').AWS_ENDPOINT_URL_S3!;
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    s3 = new S3Client({ region: REGION, endpoint: moto, forcePathStyle: true, credentials });
    secrets = new SecretsManagerClient({ region: REGION, endpoint: moto, credentials });
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-rehearsal-'));
    adzuna = await startFakeAdzuna({ total: 30, newest: NEWEST });
    franceTravail = await startFakeFranceTravail({ total: 30, newest: NEWEST });
  });
  after(async function () {
    await adzuna?.close();
    await franceTravail?.close();
    s3?.destroy();
    secrets?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('collects into the bucket from the secret, under raw/, runs/ and state/ only, with no key in lake or logs', async function () {
    const built = await packageCollector(path.join(dir, 'aws-collector.zip'));
    await run('unzip', ['-q', built.zipPath, '-d', path.join(dir, 'lambda')]);
    assert.deepEqual(await readdir(path.join(dir, 'lambda')), ['index.mjs']);

    // What the stack makes: the bucket, and the secret whose value the operator puts.
    const suffix = `${process.pid}-${Date.now()}`;
    const bucket = `jobbench-rehearsal-${suffix}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const secretId = `jobbench/source-api-keys-${suffix}`;
    await secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: JSON.stringify(KEYS) }));

    const { stdout, stderr } = await invokeHandler(path.join(dir, 'lambda', 'index.mjs'), {
      PATH: process.env.PATH ?? '',
      // The Lambda's role, here moto's test identity; the SDKs find both by their own chain.
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_ENDPOINT_URL: moto,
      // What infra/aws/stack/collector.ts sets.
      JOBBENCH_AWS_BUCKET: bucket,
      JOBBENCH_AWS_REGION: REGION,
      JOBBENCH_SOURCE_SECRET_ID: secretId,
      // The sources' own settings, pointed at the stand-ins.
      JOBBENCH_ADZUNA_BASE_URL: adzuna.origin,
      JOBBENCH_ADZUNA_QUERIES: 'data scientist',
      JOBBENCH_FRANCE_TRAVAIL_API_URL: franceTravail.origin,
      JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL: franceTravail.tokenUrl,
    });
    const result = JSON.parse(/^result: (.*)$/m.exec(stdout)![1]!) as { runId: string; pages: number };
    assert.ok(result.pages >= 2, stdout + stderr);

    // The keys came from the secret: the stand-ins saw them.
    assert.ok(adzuna.requests.some((r) => r.url.includes(KEYS.ADZUNA_APP_KEY)));
    assert.ok(franceTravail.requests.some((r) => r.body.includes(KEYS.FRANCE_TRAVAIL_CLIENT_SECRET)));

    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    assert.deepEqual(
      keys.filter((key) => !/^(raw|runs|state)\//.test(key)),
      [],
    );
    for (const source of ['adzuna', 'francetravail']) {
      assert.ok(
        keys.some((key) => key.startsWith(`raw/source=${source}/`) && key.includes(result.runId)),
        source,
      );
    }
    const manifestKey = keys.find((key) => key.startsWith(`runs/${result.runId}/`) && key.endsWith('manifest.json'));
    assert.ok(manifestKey, keys.join('\n'));

    const secretValues = Object.values(KEYS);
    for (const key of keys) {
      const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
      for (const value of secretValues) assert.ok(!body.includes(value), `${key} holds a source key`);
      if (key === manifestKey) {
        const manifest = JSON.parse(body) as { stages: { extract: { status: string }; transform: { status: string } } };
        assert.equal(manifest.stages.extract.status, 'done');
        assert.equal(manifest.stages.transform.status, 'pending');
      }
    }
    for (const value of secretValues) assert.ok(!`${stdout}${stderr}`.includes(value), 'a source key in the logs');
  });

  it('runs the packaged runner beside the database, publishes under results/, and results pull brings it back to the dashboards', async function () {
    const built = await packageLambda('runner', path.join(dir, 'aws-runner.zip'));
    await run('unzip', ['-q', built.zipPath, '-d', path.join(dir, 'runner')]);
    const suffix = `${process.pid}-${Date.now()}`;
    const bucket = `jobbench-rehearsal-runner-${suffix}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const emulators = emulatorEnv('aws');

    const { stdout, stderr } = await invokeHandler(
      path.join(dir, 'runner', 'index.mjs'),
      {
        PATH: process.env.PATH ?? '',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_ENDPOINT_URL: moto,
        // Set by Lambda in every function's environment: the results record the runtime from it.
        AWS_LAMBDA_FUNCTION_NAME: 'jobbench-runner',
        // What infra/aws/stack/runner.ts sets, with the emulators in place of S3 and RDS (no IAM token,
        // no TLS on this machine's PostgreSQL), labelled as emulated.
        JOBBENCH_AWS_BUCKET: bucket,
        JOBBENCH_AWS_REGION: REGION,
        JOBBENCH_AWS_DATABASE_URL: emulators.JOBBENCH_AWS_DATABASE_URL!,
        JOBBENCH_AWS_EMULATED: 'true',
        JOBBENCH_AWS_PG_SCHEMA: `rehearsal_${process.pid}`,
      },
      { scale: 60, benchmark: { repetitions: 1, operations: 3, warmupOperations: 0 } },
    );
    const result = JSON.parse(/^result: (.*)$/m.exec(stdout)![1]!) as {
      runId: string;
      status: string;
      published: string[];
    };
    assert.equal(result.status, 'ok', stdout + stderr);
    assert.equal(result.published.at(-1), `results/${result.runId}/results.json`);
    assert.ok(result.published.some((key) => key.startsWith(`results/${result.runId}/samples/aws/`)));

    // The operator's side: the stack's outputs, `jobbench results pull`, then `jobbench dashboards`.
    const outputs = path.join(dir, 'aws-outputs.json');
    await writeFile(
      outputs,
      JSON.stringify({
        jobbench_cloud: { value: 'aws', type: 'string', sensitive: false },
        lake_bucket: { value: bucket, type: 'string', sensitive: false },
        region: { value: REGION, type: 'string', sensitive: false },
      }),
    );
    const operator = {
      PATH: process.env.PATH ?? '',
      JOBBENCH_FROM_SOURCE: '1',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_ENDPOINT_URL_S3: moto,
    };
    const pull = await jobbench(
      ['results', 'pull', '--stack-outputs', outputs, '--results-dir', 'pulled'],
      operator,
      dir,
    );
    assert.match(pull, new RegExp(`aws: pulled 1 run, newest ${result.runId} \\(this machine\\)`));
    assert.match(pull, /no comparison: it needs a published run of at least two clouds/);
    const pulled = JSON.parse(await readFile(path.join(dir, 'pulled', 'runs', `${result.runId}.json`), 'utf8')) as {
      providers: Array<{ name: string; vantage: { kind: string; runtime: string | null } }>;
    };
    // Emulated figures are measured on this machine whatever the runner claims; the runtime is still recorded.
    assert.deepEqual(pulled.providers[0]!.vantage, { kind: 'this-machine', region: null, runtime: 'aws-lambda' });
    assert.ok((await readdir(path.join(dir, 'pulled', 'samples', result.runId, 'aws'))).length > 0);

    await jobbench(['dashboards', '--results', 'pulled', '--out', 'site'], operator, dir);
    const page = await readFile(path.join(dir, 'site', 'cloud-comparison.html'), 'utf8');
    assert.ok(page.includes(result.runId));
    assert.ok(page.includes('"vantage":"this machine"'));
  });
});
