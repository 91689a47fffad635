/**
 * Each identity's lake prefixes, action by action, as a role assignment on the lake
 * container with an ABAC condition. Azure RBAC scopes stop at the container; a condition
 * narrows the role's data actions to blob paths (`@Resource[…blobs:path]`) and listing
 * prefixes (`@Request[…blobs:prefix]`), condition version 2.0
 * (https://learn.microsoft.com/azure/storage/blobs/storage-auth-abac-examples#example-read-or-list-blobs-in-named-containers-with-a-path
 * and https://learn.microsoft.com/azure/role-based-access-control/conditions-format, read 2026-12-05).
 *
 * A condition only restricts the actions it names; any other data action of the role stays
 * granted on the whole container. So every data action of Storage Blob Data Contributor
 * (read, write, add, delete, move: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage,
 * read 2026-12-05) is named below, and one the identity never uses is refused outright.
 * The tables are what infra/checks/permissions-azure.test.ts recorded each identity's code
 * doing on Azurite; that test evaluates these conditions and fails when an identity is given
 * more or less.
 *
 * The role also carries control-plane actions on the container itself (read, write, delete
 * the container and get a user-delegation key) that conditions cannot narrow; container
 * soft delete (14 days) covers a deleted container.
 */
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment/index.js';
import type { AzureStackContext } from './context.ts';
import type { AzureLake } from './lake.ts';

/** Lake prefixes (`raw/`…) by what the identity does there. */
export interface LakeAccess {
  list: readonly string[];
  read: readonly string[];
  /** Put Blob, Put Block and Put Block List: `blobs/write`, and `blobs/add/action` for a new blob. */
  write: readonly string[];
  delete: readonly string[];
}

const PIPELINE_WRITES = ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'] as const;
const PIPELINE_DELETES = ['raw/', 'clean/', 'quarantine/', 'runs/', 'bench/'] as const;

/** What each identity's code does to the lake (recorded, see the header). */
export const AZURE_LAKE_ACCESS = {
  /** `jobbench collect`: the extract stage and its manifest; reads and writes the sources' cursors. */
  collector: { list: ['raw/'], read: ['state/'], write: ['raw/', 'runs/', 'state/'], delete: [] },
  /** The operator's `jobbench run` (and `--resume`) and `jobbench results pull`. */
  pipeline: {
    list: ['raw/', 'clean/', 'quarantine/', 'runs/', 'bench/', 'results/'],
    read: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/', 'results/'],
    write: PIPELINE_WRITES,
    delete: PIPELINE_DELETES,
  },
  /** The in-region `jobbench run --publish`: a fresh run published under results/; its pipeline reruns read an earlier run's manifest, clean chunks and quarantine objects to copy them. */
  runner: {
    list: ['raw/', 'clean/', 'quarantine/', 'runs/', 'bench/'],
    read: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'],
    write: [...PIPELINE_WRITES, 'results/'],
    delete: PIPELINE_DELETES,
  },
} as const satisfies Record<string, LakeAccess>;

const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const PATH = `@Resource[${BLOBS}:path]`;
const PREFIX = `@Request[${BLOBS}:prefix]`;

/** `(when) OR (attribute starts with one of prefixes)`; with no prefix the operations are refused. */
function block(when: string, attribute: string, prefixes: readonly string[]): string {
  const allowed = prefixes.map((p) => `${attribute} StringStartsWith '${p}'`).join(' OR ');
  return prefixes.length === 0 ? `(${when})` : `((${when}) OR (${allowed}))`;
}

/** The ABAC condition holding Storage Blob Data Contributor to `access`. */
export function lakeCondition(access: LakeAccess): string {
  return [
    block(`!(ActionMatches{'${BLOBS}/read'} AND SubOperationMatches{'Blob.List'})`, PREFIX, access.list),
    block(`!(ActionMatches{'${BLOBS}/read'} AND NOT SubOperationMatches{'Blob.List'})`, PATH, access.read),
    block(`!(ActionMatches{'${BLOBS}/write'}) AND !(ActionMatches{'${BLOBS}/add/action'})`, PATH, access.write),
    block(`!(ActionMatches{'${BLOBS}/delete'})`, PATH, access.delete),
    // Renames exist only with a hierarchical namespace, which the account does not have; nothing moves.
    block(`!(ActionMatches{'${BLOBS}/move/action'})`, PATH, []),
  ].join(' AND ');
}

/** Storage Blob Data Contributor on the lake container, held to `access` by its condition. */
export function addLakeRole(
  ctx: AzureStackContext,
  lake: AzureLake,
  id: string,
  principal: { principalId: string; principalType: string },
  access: LakeAccess,
): RoleAssignment {
  return new RoleAssignment(ctx.scope, id, {
    scope: lake.containerScope,
    roleDefinitionName: 'Storage Blob Data Contributor',
    ...principal,
    condition: lakeCondition(access),
    conditionVersion: '2.0',
  });
}
