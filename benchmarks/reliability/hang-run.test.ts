import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createSources } from '../../pipeline/sources/registry.ts';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { validateResults } from '../../results/validate.ts';
import { runSuite } from '../run-suite.ts';

// A whole `jobbench run` on the aws provider, as the CLI runs it (runSuite with --faults):
// the lake is the S3 emulator (moto) behind the run's own fault proxy (its `hang` fault
// reads a request and never answers), the warehouse the machine's PostgreSQL in a fresh
// schema. Deadlines are short so a hang costs 300 ms, not a minute.
describe('a run whose object store hangs (aws provider, --faults hang)', function () {
  this.timeout(120_000);
  const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `h6_hang_${randomBytes(4).toString('hex')}`;

  before(function () {
    needs(this, 'emulators');
  });
  after(async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  const env = () => ({
    ...emulatorEnv('aws'),
    JOBBENCH_AWS_BUCKET: 'jobbench-hang-run',
    JOBBENCH_AWS_DATABASE_URL: DATABASE_URL,
    JOBBENCH_AWS_PG_SCHEMA: schema,
    JOBBENCH_AWS_KEY_PREFIX: `${randomBytes(4).toString('hex')}/`,
    JOBBENCH_TIMEOUT_STORE_PUT: '300ms',
    JOBBENCH_TIMEOUT_STORE_GET: '300ms',
    JOBBENCH_TIMEOUT_STORE_HEAD: '300ms',
    JOBBENCH_TIMEOUT_STORE_DELETE: '300ms',
    JOBBENCH_TIMEOUT_STORE_LIST_PAGE: '300ms',
  });

  async function run(faults: string) {
    const runEnv = env();
    const now = new Date();
    const workload = { sources: ['sample'], scale: 60, seed: 7 };
    const started = performance.now();
    const { results } = await runSuite({
      providers: ['aws'],
      providerOptions: { env: runEnv },
      makeSources: () =>
        createSources(workload.sources, { env: runEnv, scale: workload.scale, seed: workload.seed, now: () => now }),
      workload,
      env: runEnv,
      skipScenarios: true,
      faults,
      transformWorkers: 0,
      benchmark: { repetitions: 1 },
    });
    return { results, seconds: (performance.now() - started) / 1000 };
  }

  it('every request hangs: the provider fails with a timeout in seconds, the run ends', async function () {
    const { results, seconds } = await run('hang=1');
    const aws = results.providers[0]!;
    assert.equal(aws.status, 'failed');
    assert.match(aws.reason ?? '', /timeout|no answer within/i);
    assert.ok(seconds < 10, `the run took ${seconds.toFixed(1)} s`);
    assert.equal(results.status, 'failed');
  });

  it('some requests hang: each times out, is retried, is counted, and nothing is lost or stored twice', async function () {
    const { results, seconds } = await run('hang=0.05,seed=3');
    validateResults(results);
    const aws = results.providers[0]!;
    assert.equal(aws.status, 'ok', aws.reason ?? '');
    const reliability = aws.reliability!;
    const hangs = reliability.faultsByKind?.['http:hang'] ?? 0;
    assert.ok(hangs > 0, 'the seed hangs some requests');
    const timeouts = Object.values(reliability.timeouts ?? {}).reduce((n, v) => n + v, 0);
    assert.ok(timeouts > 0 && timeouts <= hangs, `${timeouts} timed-out attempts for ${hangs} hung requests`);
    assert.ok(reliability.retried >= timeouts, 'every timed-out attempt of the pipeline was retried');
    assert.match(reliability.deadlines ?? '', /store put 300ms/);
    assert.equal(reliability.lost, 0);
    assert.equal(reliability.duplicated, 0);
    assert.equal(aws.pipeline!.warehouseRows, aws.pipeline!.transformed);
    // Each hang costs one 300 ms deadline, not the proxy's 30 s hold.
    assert.ok(seconds < 60, `the run took ${seconds.toFixed(1)} s for ${hangs} hangs`);
  });
});
