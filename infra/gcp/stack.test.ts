/**
 * The GCP stack's jobs, read from the synthesized Terraform JSON: what infra/stacks.test.ts
 * does not cover (the lake grants are infra/checks/permissions-gcp.test.ts's).
 */
import assert from 'node:assert/strict';
import { Testing } from 'cdktf';
import { readConfig } from '../../providers/core/config.ts';
import { GCP_CONFIG } from '../../providers/gcp/config.ts';
import { GcpStack } from './stack.ts';
import { RUNNER_ARGS } from './stack/runner.ts';
import { SOURCE_KEY_VARIABLES } from './stack/source-secrets.ts';

// biome-ignore lint/suspicious/noExplicitAny: untyped synthesized Terraform JSON, read by deep paths
type Body = Record<string, any>;
interface Doc {
  resource: Record<string, Record<string, Body>>;
  output: Record<string, Body>;
  variable: Record<string, Body>;
}

const doc = JSON.parse(Testing.synth(new GcpStack(Testing.app(), 'gcp'))) as Doc;
const one = (type: string, name: string): Body => {
  const body = doc.resource[type]?.[name];
  assert.ok(body, `${type}.${name} exists`);
  return body;
};
const task = (name: string): Body => one('google_cloud_run_v2_job', name).template.template;
const container = (name: string): Body => task(name).containers[0];
const env = (name: string): Record<string, Body> =>
  Object.fromEntries((container(name).env as Body[]).map((e) => [e.name as string, e]));

describe('GCP stack: the collector and runner jobs', () => {
  it('asks for the image, with no placeholder to fall back to, and runs it in both jobs', () => {
    assert.equal(doc.variable.collector_image, undefined);
    assert.equal(doc.variable.jobbench_image?.default, undefined);
    assert.match(doc.variable.jobbench_image?.description, /docker build.*Dockerfile.*Artifact Registry/);
    for (const job of ['collector_job', 'runner_job']) assert.equal(container(job).image, '${var.jobbench_image}');
  });

  it('collects with the source keys from one Secret Manager secret each, and no secret id', () => {
    assert.deepEqual(container('collector_job').args, [
      'collect',
      '--provider',
      'gcp',
      '--sources',
      'adzuna,francetravail',
    ]);
    const vars = env('collector_job');
    assert.equal(vars.JOBBENCH_SOURCE_SECRET_ID, undefined);
    const secrets = doc.resource.google_secret_manager_secret ?? {};
    assert.equal(Object.keys(secrets).length, SOURCE_KEY_VARIABLES.length);
    for (const variable of SOURCE_KEY_VARIABLES) {
      const ref = vars[variable]?.value_source?.secret_key_ref;
      assert.equal(vars[variable]?.value, undefined, `${variable} is never a literal`);
      assert.equal(ref?.version, 'latest', variable);
      const name = `source_key_${variable.toLowerCase()}`;
      assert.equal(ref.secret, `\${google_secret_manager_secret.${name}.secret_id}`);
      assert.equal(secrets[name]?.secret_id, `jobbench-${variable.toLowerCase().replace(/_/g, '-')}`);
      // Only the collector reads each key.
      const readers = Object.values(doc.resource.google_secret_manager_secret_iam_member ?? {}).filter(
        (m) => m.secret_id === `\${google_secret_manager_secret.${name}.id}`,
      );
      assert.deepEqual(
        readers.map((m) => [m.role, m.member]),
        [
          [
            'roles/secretmanager.secretAccessor',
            'serviceAccount:${google_service_account.jobbench_collector_account.email}',
          ],
        ],
      );
    }
  });

  it('runs the benchmark in-region by hand: one task, an hour, no retry, 2 vCPU and 4 GiB, its own account', () => {
    const runner = one('google_cloud_run_v2_job', 'runner_job');
    assert.equal(runner.location, '${var.region}');
    assert.deepEqual([runner.template.task_count, runner.template.parallelism], [1, 1]);
    assert.equal(task('runner_job').timeout, '3600s');
    assert.equal(task('runner_job').max_retries, 0);
    assert.deepEqual(container('runner_job').resources.limits, { cpu: '2', memory: '4Gi' });
    assert.deepEqual(container('runner_job').args, RUNNER_ARGS);
    assert.deepEqual(RUNNER_ARGS.slice(0, 3), ['run', '--provider', 'gcp']);
    assert.ok(RUNNER_ARGS.includes('--publish'));
    assert.equal(RUNNER_ARGS[RUNNER_ARGS.indexOf('--vantage') + 1], 'in-region');
    assert.equal(task('runner_job').service_account, '${google_service_account.jobbench_runner_account.email}');
    assert.equal(one('google_service_account', 'jobbench_runner_account').account_id, 'jobbench-runner');
    // Started by hand: no scheduler job and no invoker binding names it.
    assert.ok(!JSON.stringify(doc.resource.google_cloud_scheduler_job).includes('runner_job'));
    assert.equal(doc.resource.google_cloud_run_v2_job_iam_member?.runner_runs, undefined);
  });

  it("gives the runner the provider's settings, which the config reader accepts, and no key", () => {
    const vars = env('runner_job');
    assert.deepEqual(Object.keys(vars).sort(), [
      'JOBBENCH_GCP_BUCKET',
      'JOBBENCH_GCP_DATASET',
      'JOBBENCH_GCP_KEY_PREFIX',
      'JOBBENCH_GCP_LOCATION',
      'JOBBENCH_GCP_PROJECT',
    ]);
    // The reader refuses an unknown name and a missing required one; these are all it gets.
    const raw = readConfig(
      'gcp',
      'JOBBENCH_GCP_',
      GCP_CONFIG,
      Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v.value)])),
    );
    assert.equal(raw.BUCKET, '${google_storage_bucket.lake_bucket.name}');
    assert.equal(raw.DATASET, '${google_bigquery_dataset.jobbench_dataset.dataset_id}');
    // The jobs write under the prefix the grants are limited to.
    assert.equal(raw.KEY_PREFIX, '${var.key_prefix}');
    assert.equal(env('collector_job').JOBBENCH_GCP_KEY_PREFIX?.value, '${var.key_prefix}');
    assert.equal(doc.variable.key_prefix?.default, '');
  });

  it('gives the runner the warehouse as the pipeline has it: dataEditor on the two datasets, jobUser', () => {
    const member = 'serviceAccount:${google_service_account.jobbench_runner_account.email}';
    const roles = [
      ...Object.values(doc.resource.google_bigquery_dataset_iam_member ?? {}),
      ...Object.values(doc.resource.google_project_iam_member ?? {}),
    ]
      .filter((g) => g.member === member)
      .map((g) => `${g.role} ${g.dataset_id ?? 'project'}`)
      .sort();
    assert.deepEqual(roles, [
      'roles/bigquery.dataEditor ${google_bigquery_dataset.jobbench_dataset.dataset_id}',
      'roles/bigquery.dataEditor ${google_bigquery_dataset.jobbench_staging_dataset.dataset_id}',
      'roles/bigquery.jobUser project',
    ]);
  });

  it('outputs the runner job and the secrets by id', () => {
    assert.equal(doc.output.runner_job?.value, '${google_cloud_run_v2_job.runner_job.name}');
    assert.equal(doc.output.jobbench_cloud?.value, 'gcp');
    assert.equal(doc.output.source_secrets?.value.length, SOURCE_KEY_VARIABLES.length);
    assert.equal(doc.output.source_secret, undefined);
  });
});
