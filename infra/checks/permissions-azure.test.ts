/**
 * The Azure stack grants what the code does: the collector's, the runner's and the
 * pipeline's Blob requests are recorded on Azurite (./test-support/record-blob-use.ts), and
 * each identity's role assignments on the synthesized stack, conditions evaluated
 * (./blob-grants.ts), must grant exactly those data actions on those lake prefixes. The
 * pipeline role is held twice: by the operator and by id-jobbench-pipeline.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { blobRequestGrant, blobRoleGrants, conditionAllows, parseCondition } from './blob-grants.ts';
import type { LakeGrant } from './s3-grants.ts';
import type { LakeRole } from './test-support/lake-work.ts';
import { recordBlobLakeUse } from './test-support/record-blob-use.ts';
import type { TfJson } from './tf-json.ts';

const sorted = (grants: Iterable<LakeGrant> | undefined) => [...(grants ?? [])].sort();

/** Who holds each role in the synthesized JSON. */
const HOLDERS: Record<LakeRole, readonly string[]> = {
  collector: ['${azurerm_user_assigned_identity.collector_identity.principal_id}'],
  runner: ['${azurerm_user_assigned_identity.runner_identity.principal_id}'],
  pipeline: [
    '${azurerm_user_assigned_identity.pipeline_identity.principal_id}',
    '${data.azurerm_client_config.client.object_id}',
  ],
};

const CONTAINER_SCOPE =
  '${azurerm_storage_account.storage.id}/blobServices/default/containers/${azurerm_storage_container.lake_container.name}';
const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';

/** A stack holding one role assignment on the lake container. */
const oneAssignment = (body: Record<string, unknown>): TfJson => ({
  resource: {
    azurerm_role_assignment: {
      a: { scope: CONTAINER_SCOPE, principal_id: 'p', role_definition_name: 'Storage Blob Data Contributor', ...body },
    },
  },
});

describe('Azure: reading blob requests and role conditions', () => {
  it('maps Blob REST requests to the data action and lake prefix they need', () => {
    const grant = (method: string, url: string) => blobRequestGrant(method, url, 'acct', 'lake', 'p/');
    assert.equal(grant('GET', '/acct/lake?restype=container&comp=list&prefix=p%2Fraw%2Fdt%3D1%2F'), 'blob:list raw/');
    assert.equal(grant('HEAD', '/acct/lake/p/state/cursor.json'), 'blob:read state/');
    assert.equal(grant('GET', '/acct/lake/p/runs/r/manifest.json'), 'blob:read runs/');
    assert.equal(grant('PUT', '/acct/lake/p/bench/big?comp=block&blockid=AAAA'), 'blob:write bench/');
    assert.equal(grant('PUT', '/acct/lake/p/bench/big?comp=blocklist'), 'blob:write bench/');
    assert.equal(grant('DELETE', '/acct/lake/p/clean/x.parquet'), 'blob:delete clean/');
    assert.equal(grant('PUT', '/acct/lake?restype=container'), null);
    assert.throws(() => grant('GET', '/acct/other/p/raw/x'), /outside the lake container/);
    assert.throws(() => grant('GET', '/acct/lake/q/raw/x'), /outside the session prefix/);
    assert.throws(() => grant('PUT', '/acct/lake/p/raw/x?comp=tags'), /unmapped/);
  });

  it('evaluates a condition like Azure: an action the condition does not name stays granted', () => {
    const onlyReads = parseCondition(
      `((!(ActionMatches{'${BLOBS}/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[${BLOBS}:path] StringStartsWith 'raw/'))`,
    );
    const read = (p: string) => ({ action: `${BLOBS}/read`, subOperation: null, path: p });
    assert.equal(conditionAllows(onlyReads, read('raw/a')), true);
    assert.equal(conditionAllows(onlyReads, read('clean/a')), false);
    assert.equal(conditionAllows(onlyReads, { action: `${BLOBS}/delete`, subOperation: null, path: 'clean/a' }), true);
    // A listing carries no blob path: a read rule on paths does not apply to it.
    assert.equal(conditionAllows(onlyReads, { action: `${BLOBS}/read`, subOperation: 'Blob.List', prefix: '' }), true);
  });

  it('reports what a condition leaves open as a grant on the whole lake (*)', () => {
    const grants = blobRoleGrants(
      oneAssignment({
        condition: `((!(ActionMatches{'${BLOBS}/write'})) OR (@Resource[${BLOBS}:path] StringStartsWith 'raw/'))`,
        condition_version: '2.0',
      }),
    ).get('p');
    assert.ok(grants?.has('blob:write raw/'));
    assert.ok(!grants?.has('blob:write clean/'));
    for (const open of ['blob:add *', 'blob:delete *', 'blob:move *', 'blob:read *', 'blob:list *'])
      assert.ok(grants?.has(open as LakeGrant), open);
    const everything = blobRoleGrants(oneAssignment({})).get('p');
    assert.ok(everything?.has('blob:read *') && everything.has('blob:delete *'));
    const empty = blobRoleGrants(
      oneAssignment({
        condition: `((!(ActionMatches{'${BLOBS}/read'} AND SubOperationMatches{'Blob.List'})) OR (@Request[${BLOBS}:prefix] StringStartsWith ''))`,
        condition_version: '2.0',
      }),
    ).get('p');
    assert.ok(empty?.has('blob:list *'), 'an empty prefix lists the whole container');
  });

  it('counts a role above the container as the whole lake, and refuses a role it has no row for', () => {
    const onAccount = blobRoleGrants(oneAssignment({ scope: '${azurerm_storage_account.storage.id}' })).get('p');
    assert.ok(onAccount?.has('blob:read *'));
    assert.throws(() => blobRoleGrants(oneAssignment({ role_definition_name: 'Storage Blob Data Owner' })), /no row/);
    assert.throws(
      () =>
        blobRoleGrants(oneAssignment({ condition: "@Resource[x:y] StringStartsWith 'a'", condition_version: '2.0' })),
      /unknown attribute/,
    );
  });
});

describe('Azure stack permissions match what the code does', function () {
  this.timeout(600_000);
  let used: Record<LakeRole, Set<LakeGrant>>;
  let granted: Map<string, Set<LakeGrant>>;
  let outdir: string;

  before(async function () {
    needs(this, 'emulators');
    outdir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-permissions-azure-'));
    // Loaded here: app.ts has a top-level await, which would make mocha load this file as a second ESM copy.
    const { synthStacks } = await import('../app.ts');
    const [stack] = await synthStacks({ outdir, clouds: ['azure'] });
    granted = blobRoleGrants(JSON.parse(readFileSync(stack!.file, 'utf8')) as TfJson);
    used = await recordBlobLakeUse(emulatorEnv('azure'));
  });
  after(async () => {
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  it('records a collector that only touches raw pages, manifests and cursors, and deletes nothing', () => {
    const grants = sorted(used.collector);
    assert.ok(
      grants.every((g) => ['raw/', 'runs/', 'state/'].includes(g.split(' ')[1]!)),
      grants.join(', '),
    );
    assert.ok(!grants.some((g) => g.startsWith('blob:delete')), grants.join(', '));
  });

  it('records a runner that publishes under results/ and a pipeline that pulls from there', () => {
    assert.ok(used.runner.has('blob:write results/'));
    assert.ok(used.pipeline.has('blob:read results/') && used.pipeline.has('blob:list results/'));
    assert.ok(!used.pipeline.has('blob:write results/'), 'the operator does not publish in-region results');
  });

  for (const [role, holders] of Object.entries(HOLDERS) as [LakeRole, readonly string[]][]) {
    for (const holder of holders) {
      it(`grants ${holder.replace(/^\$\{|\}$/g, '')} exactly the ${role}'s blob actions and prefixes`, () => {
        assert.deepEqual(sorted(granted.get(holder)), sorted(used[role]));
      });
    }
  }

  it('gives nobody else any blob data action on the lake', () => {
    assert.deepEqual([...granted.keys()].sort(), Object.values(HOLDERS).flat().sort());
  });
});
