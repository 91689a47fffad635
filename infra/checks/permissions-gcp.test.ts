/**
 * The GCP stack grants exactly what the code does: the collector's, the runner's and the
 * operator's pipeline work send their Cloud Storage requests through a recording proxy in
 * front of the emulator (./test-support/record-gcs-use.ts), each request becomes the IAM
 * permission it needs on a lake prefix, and each service account's conditional bindings in the
 * synthesized stack must grant exactly those permission/prefix pairs (./gcs-grants.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import {
  conditionScopes,
  CREATE,
  DELETE,
  GET,
  gcsRequestGrants,
  gcsServiceAccountGrants,
  type LakeGrant,
  LIST,
} from './gcs-grants.ts';
import type { LakeRole } from './test-support/lake-work.ts';
import { recordGcsLakeUse } from './test-support/record-gcs-use.ts';
import type { TfJson } from './tf-json.ts';

const sorted = (grants: Iterable<LakeGrant>) => [...grants].sort();
const ACCOUNTS: Record<LakeRole, string> = {
  collector: 'jobbench_collector_account',
  pipeline: 'jobbench_pipeline_account',
  runner: 'jobbench_runner_account',
};

describe('GCP stack permissions match what the code does', function () {
  this.timeout(600_000);
  let used: Record<LakeRole, Set<LakeGrant>>;
  let gcp: TfJson;
  let outdir: string;

  before(async function () {
    needs(this, 'emulators');
    outdir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-permissions-gcp-'));
    // Loaded here: app.ts has a top-level await, which would make mocha load this file as a second ESM copy.
    const { synthStacks } = await import('../app.ts');
    const [stack] = await synthStacks({ outdir, clouds: ['gcp'] });
    gcp = JSON.parse(readFileSync(stack!.file, 'utf8')) as TfJson;
    used = await recordGcsLakeUse(emulatorEnv('gcp'));
  });
  after(async () => {
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  it('records a collector that only touches raw pages, manifests and cursors', () => {
    const prefixes = new Set(sorted(used.collector).map((g) => g.split(' ')[1]));
    assert.deepEqual([...prefixes].sort(), ['raw/', 'runs/', 'state/']);
  });

  it('records the runner publishing results/ and the pipeline pulling them', () => {
    assert.ok(used.runner.has(`${CREATE} results/`));
    assert.ok(used.pipeline.has(`${GET} results/`) && used.pipeline.has(`${LIST} results/`));
    assert.ok(!used.runner.has(`${GET} results/`));
  });

  for (const role of ['collector', 'pipeline', 'runner'] as const) {
    it(`GCP: the ${role} service account is granted exactly the Cloud Storage permissions and prefixes it uses`, () => {
      assert.deepEqual(sorted(gcsServiceAccountGrants(gcp, ACCOUNTS[role])), sorted(used[role]));
    });
  }

  it('gives no other identity of the stack a grant on the lake objects', () => {
    const members = Object.values(gcp.resource?.google_storage_bucket_iam_member ?? {})
      .filter((b) => b.bucket === '${google_storage_bucket.lake_bucket.name}')
      .map((b) => String(b.member));
    const own = Object.values(ACCOUNTS).map((a) => `serviceAccount:\${google_service_account.${a}.email}`);
    assert.deepEqual([...new Set(members.filter((m) => !own.includes(m)))], []);
  });
});

/** The two mappings on hand-written input: each could grant or require the wrong thing. */
describe('Cloud Storage grants (requests and bindings)', () => {
  const lake = 'jobbench-emulated';
  const p = 'permissions-x/';
  const enc = encodeURIComponent;

  it('maps JSON API requests to permissions; a replacing upload also needs delete; setup calls need none', () => {
    const existing = new Set<string>();
    const grants = gcsRequestGrants(
      [
        { method: 'GET', url: `/storage/v1/b/${lake}?` },
        { method: 'POST', url: '/storage/v1/b?project=x' },
        { method: 'GET', url: `/storage/v1/b/${lake}/o?prefix=${enc(`${p}raw/dt=1/`)}&maxResults=1000` },
        { method: 'POST', url: `/upload/storage/v1/b/${lake}/o?uploadType=multipart&name=${enc(`${p}runs/r/m.json`)}` },
        { method: 'POST', url: `/upload/storage/v1/b/${lake}/o?uploadType=multipart&name=${enc(`${p}runs/r/m.json`)}` },
        { method: 'POST', url: `/upload/storage/v1/b/${lake}/o?name=${enc(`${p}bench/big`)}&uploadType=resumable` },
        {
          method: 'PUT',
          url: `/upload/storage/v1/b/${lake}/o?uploadType=resumable&name=${enc(`${p}bench/big`)}&upload_id=u1`,
        },
        { method: 'GET', url: `/storage/v1/b/${lake}/o/${enc(`${p}clean/a.ndjson`)}?alt=media` },
        { method: 'DELETE', url: `/storage/v1/b/${lake}/o/${enc(`${p}bench/big`)}?` },
        { method: 'POST', url: `/upload/storage/v1/b/${lake}/o?uploadType=multipart&name=${enc(`${p}bench/big`)}` },
      ],
      lake,
      p,
      existing,
    );
    assert.deepEqual(grants, [
      `${LIST} raw/`,
      `${CREATE} runs/`,
      `${CREATE} runs/`,
      `${DELETE} runs/`,
      `${CREATE} bench/`,
      `${GET} clean/`,
      `${DELETE} bench/`,
      `${CREATE} bench/`,
    ]);
    assert.throws(
      () => gcsRequestGrants([{ method: 'GET', url: `/storage/v1/b/${lake}/o/other%2Fx` }], lake, p, new Set()),
      /outside the session prefix/,
    );
    assert.throws(
      () => gcsRequestGrants([{ method: 'GET', url: '/storage/v1/b/elsewhere/o/x' }], lake, p, new Set()),
      /outside the lake bucket/,
    );
  });

  const doc = (bindings: Record<string, Record<string, unknown>>): TfJson => ({
    resource: {
      google_service_account: { sa_account: {} },
      google_project_iam_custom_role: { deleter: { permissions: ['storage.objects.delete'] } },
      google_storage_bucket_iam_member: Object.fromEntries(
        Object.entries(bindings).map(([name, b]) => [
          name,
          {
            bucket: '${google_storage_bucket.lake_bucket.name}',
            member: 'serviceAccount:${google_service_account.sa_account.email}',
            ...b,
          },
        ]),
      ),
    },
  });
  const objects = (prefix: string) =>
    `resource.name.startsWith("projects/_/buckets/\${google_storage_bucket.lake_bucket.name}/objects/${prefix}")`;
  const listing = (prefix: string) =>
    `api.getAttribute("storage.googleapis.com/objectListPrefix", "").startsWith("${prefix}")`;

  it('reads each binding as its role on the prefixes its condition lets through, listing by list prefix only', () => {
    const grants = gcsServiceAccountGrants(
      doc({
        list: { role: 'roles/storage.objectViewer', condition: { expression: listing('raw/') } },
        read: {
          role: 'roles/storage.objectViewer',
          condition: { expression: `${objects('raw/')} || ${objects('state/')}` },
        },
        del: { role: '${google_project_iam_custom_role.deleter.id}', condition: { expression: objects('runs/') } },
      }),
      'sa_account',
    );
    assert.deepEqual(sorted(grants), [`${DELETE} runs/`, `${GET} raw/`, `${GET} state/`, `${LIST} raw/`]);
    const underKeyPrefix = gcsServiceAccountGrants(
      doc({
        read: { role: 'roles/storage.objectViewer', condition: { expression: objects('${var.key_prefix}raw/') } },
        list: { role: 'roles/storage.objectViewer', condition: { expression: listing('${var.key_prefix}') } },
      }),
      'sa_account',
    );
    assert.deepEqual(sorted(underKeyPrefix), [`${GET} raw/`, `${LIST} *`]);
  });

  it('reports an unconditioned or bucket-wide grant as prefix *, and refuses a condition it cannot read', () => {
    const wide = gcsServiceAccountGrants(doc({ all: { role: 'roles/storage.objectAdmin' } }), 'sa_account');
    assert.ok(wide.has(`${DELETE} *`) && wide.has('storage.objects.setIamPolicy *'));
    const bucket = gcsServiceAccountGrants(
      doc({
        b: {
          role: 'roles/storage.objectViewer',
          condition: { expression: 'resource.type == "storage.googleapis.com/Bucket"' },
        },
      }),
      'sa_account',
    );
    assert.deepEqual(sorted(bucket), [`${LIST} *`]);
    assert.throws(() => conditionScopes(`${objects('raw/')} && request.time < timestamp("2030-01-01T00:00:00Z")`, 'x'));
    assert.throws(
      () => gcsServiceAccountGrants(doc({ x: { role: 'roles/storage.admin' } }), 'sa_account'),
      /does not know what roles\/storage.admin grants/,
    );
  });
});
