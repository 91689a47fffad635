import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { publishResults } from '../../benchmarks/publish/lake-results.ts';
import { emulatorEnv } from '../../emulators/test-session.ts';
import type { ProviderName } from '../../providers/core/index.ts';
import { loadProvider } from '../../providers/registry.ts';
import { providerFixture, resultsFixture } from '../../results/fixtures/results-fixture.ts';
import { writeResults } from '../../results/store.ts';
import { needs } from '../../test/support/needs.ts';
import { main } from '../main.ts';
import { captureIo } from '../test-support/capture-io.ts';

/** `terraform output -json` as a deployed stack prints it. */
const outputsJson = (values: Record<string, string>) =>
  JSON.stringify(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, type: 'string', sensitive: false }])),
  );

describe('jobbench results pull', function () {
  this.timeout(120_000);
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-results-pull-'));
  });
  afterEach(() => rm(cwd, { recursive: true, force: true }));

  it('refuses two outputs files of one cloud, and a missing file, with exit 2 before opening any lake', async () => {
    const file = path.join(cwd, 'aws.json');
    await writeFile(file, outputsJson({ jobbench_cloud: 'aws', lake_bucket: 'b', region: 'eu-west-3' }));
    await writeFile(path.join(cwd, 'aws2.json'), outputsJson({ jobbench_cloud: 'aws', lake_bucket: 'c' }));
    const twice = captureIo(cwd);
    assert.equal(await main(['results', 'pull', '--stack-outputs', 'aws.json,aws2.json'], twice), 2);
    assert.match(twice.err, /two files describe aws; give one per cloud/);
    const missing = captureIo(cwd);
    assert.equal(await main(['results', 'pull', '--stack-outputs', 'nope.json'], missing), 2);
    assert.match(missing.err, /nope.json: no such file/);
  });

  it('pulls what each cloud published and ranks the newest run of each together as the latest results', async function () {
    needs(this, 'emulators');
    const suffix = `${process.pid}-${Date.now()}`;
    const lakes: Record<'aws' | 'gcp', { env: Record<string, string | undefined>; outputs: Record<string, string> }> = {
      aws: {
        env: { ...emulatorEnv('aws'), JOBBENCH_AWS_BUCKET: `pull-aws-${suffix}` },
        outputs: { jobbench_cloud: 'aws', lake_bucket: `pull-aws-${suffix}`, region: 'eu-west-3' },
      },
      gcp: {
        env: { ...emulatorEnv('gcp'), JOBBENCH_GCP_BUCKET: `pull-gcp-${suffix}` },
        outputs: {
          jobbench_cloud: 'gcp',
          lake_bucket: `pull-gcp-${suffix}`,
          project_id: emulatorEnv('gcp').JOBBENCH_GCP_PROJECT!,
          dataset: 'jobbench',
          region: 'europe-west9',
        },
      },
    };
    const runIds: Record<string, string> = { aws: '20261205T090000Z-aaaaaa', gcp: '20261205T091500Z-bbbbbb' };
    for (const cloud of ['aws', 'gcp'] as const) {
      // What each runner published: its run of its own cloud, emulated here.
      const runnerDir = path.join(cwd, `runner-${cloud}`);
      const results = resultsFixture({
        runId: runIds[cloud],
        finishedAt: cloud === 'aws' ? '2026-12-05T09:10:00.000Z' : '2026-12-05T09:25:00.000Z',
        providers: [
          providerFixture(cloud, {
            emulated: true,
            vantage: { kind: 'this-machine', region: null, runtime: 'aws-lambda' },
          }),
        ],
      });
      await writeResults(results, runnerDir);
      const provider = await (await loadProvider(cloud as ProviderName)).create({ env: lakes[cloud].env });
      try {
        await publishResults(provider.store, runnerDir, results.runId);
      } finally {
        await provider.close();
      }
      await writeFile(path.join(cwd, `${cloud}.json`), outputsJson(lakes[cloud].outputs));
    }
    // The operator's environment: the emulators' endpoints and credentials, no bucket (the outputs give it).
    const env = {
      ...emulatorEnv('aws'),
      ...emulatorEnv('gcp'),
      JOBBENCH_AWS_BUCKET: undefined,
      JOBBENCH_GCP_BUCKET: undefined,
    };
    const io = captureIo(cwd, env);
    assert.equal(
      await main(['results', 'pull', '--stack-outputs', 'aws.json,gcp.json', '--results-dir', 'r'], io),
      0,
      io.err,
    );
    assert.match(io.out, /aws: pulled 1 run, newest 20261205T090000Z-aaaaaa \(this machine\)/);
    assert.match(io.out, /gcp: pulled 1 run, newest 20261205T091500Z-bbbbbb \(this machine\)/);
    assert.match(io.out, /comparison: r\/runs\/.*\.json \(also r\/latest\.json\)/);
    assert.match(io.out, /no recommendation: every cloud figure comes from an emulator/);
    const latest = JSON.parse(await readFile(path.join(cwd, 'r', 'latest.json'), 'utf8')) as {
      combinedFrom: Array<{ provider: string; runId: string }>;
      providers: Array<{ name: string }>;
    };
    assert.deepEqual(
      latest.combinedFrom.map((c) => [c.provider, c.runId]),
      [
        ['aws', runIds.aws],
        ['gcp', runIds.gcp],
      ],
    );
    assert.deepEqual(
      latest.providers.map((p) => p.name),
      ['aws', 'gcp'],
    );
  });
});
