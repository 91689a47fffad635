/**
 * A service account's lake prefixes, permission by permission, as conditional role bindings on
 * the lake bucket. Each role's table (collector.ts, pipeline-iam.ts, runner.ts) is what
 * infra/checks/permissions-gcp.test.ts recorded its code doing on the Cloud Storage emulator,
 * and that test fails when a service account is given more or less.
 *
 * One binding per kind of access, each narrowed by an IAM Condition
 * (https://cloud.google.com/storage/docs/access-control/iam#conditions, read 2026-12-05):
 * - list: roles/storage.objectViewer where the listing's prefix starts with one of the
 *   role's prefixes. storage.objects.list is checked on the bucket, whose name matches no
 *   `objects/` condition, so listing is narrowed by the `storage.googleapis.com/objectListPrefix`
 *   API attribute instead (https://cloud.google.com/iam/docs/conditions-attribute-reference#api-attributes,
 *   read 2026-12-05); a get request carries no list prefix, so this binding reads nothing.
 * - read: roles/storage.objectViewer on objects named under the prefixes (lists nothing: the bucket's name does not match).
 * - write: roles/storage.objectCreator on objects named under the prefixes.
 * - delete: storage.objects.delete alone (a custom role: every predefined role that holds it also
 *   reads, lists, updates and restores). Cloud Storage also asks for it when an upload replaces an
 *   existing object (https://cloud.google.com/storage/docs/access-control/iam-json, read 2026-12-05),
 *   so a role that rewrites its manifests or cursors holds it on those prefixes.
 * Objects are encrypted by the Cloud Storage service agent with the stack's key: no KMS grant here.
 */
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role/index.js';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member/index.js';
import type { GcpStackContext } from './context.ts';

/** Lake prefixes (`raw/`…, under the stack's `key_prefix`) by what the role does there. */
export interface LakeAccess {
  list: readonly string[];
  read: readonly string[];
  /** New objects; replacing one also takes `delete` on its prefix. */
  write: readonly string[];
  /** Deletes and replacements. */
  delete: readonly string[];
}

/** The custom role holding storage.objects.delete alone. */
export function addLakeDeleterRole(ctx: GcpStackContext): ProjectIamCustomRole {
  return new ProjectIamCustomRole(ctx.scope, 'lake_object_deleter', {
    project: ctx.project,
    roleId: 'jobbenchLakeObjectDeleter',
    title: 'jobbench lake object deleter',
    description: 'Deletes and replaces lake objects; granted per prefix by IAM Conditions on the lake bucket.',
    permissions: ['storage.objects.delete'],
  });
}

/** Adds the role's bindings (construct ids `<id>_lake_list`, `_read`, `_write`, `_delete`); none for an empty kind. */
export function grantLake(
  ctx: GcpStackContext,
  lake: StorageBucket,
  deleter: ProjectIamCustomRole,
  id: string,
  member: string,
  access: LakeAccess,
): void {
  const keyPrefix = ctx.vars.keyPrefix.stringValue;
  const objects = (prefix: string) =>
    `resource.name.startsWith("projects/_/buckets/${lake.name}/objects/${keyPrefix}${prefix}")`;
  const listing = (prefix: string) =>
    `api.getAttribute("storage.googleapis.com/objectListPrefix", "").startsWith("${keyPrefix}${prefix}")`;
  const kinds = [
    ['list', 'roles/storage.objectViewer', access.list.map(listing)],
    ['read', 'roles/storage.objectViewer', access.read.map(objects)],
    ['write', 'roles/storage.objectCreator', access.write.map(objects)],
    ['delete', deleter.id, access.delete.map(objects)],
  ] as const;
  for (const [kind, role, clauses] of kinds) {
    if (clauses.length === 0) continue;
    const prefixes = access[kind].join(' ');
    new StorageBucketIamMember(ctx.scope, `${id}_lake_${kind}`, {
      bucket: lake.name,
      role,
      member,
      condition: {
        title: `${id}-lake-${kind}`,
        description: `${kind} under ${prefixes}`,
        expression: clauses.join(' || '),
      },
    });
  }
}
