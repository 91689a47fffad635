/**
 * Cloud Storage permissions, both ways: the IAM permission and lake prefix each recorded
 * JSON API request needs, and the permission/prefix pairs the conditional role bindings of
 * a synthesized stack grant a service account on the lake. The GCP permission test compares
 * the two sets, so a service account gets what the code does and nothing broader.
 *
 * Requests → permissions, from "IAM permissions for JSON methods"
 * (https://cloud.google.com/storage/docs/access-control/iam-json, read 2026-12-05):
 * objects.list → storage.objects.list; objects.get (metadata or `alt=media`) →
 * storage.objects.get; objects.insert → storage.objects.create, plus storage.objects.delete
 * when it replaces an existing object; objects.delete → storage.objects.delete.
 */
import { blocks, resourcesOf, type TfBody, type TfJson } from './tf-json.ts';
import { type LakeGrant, lakeGrant, topLevelPrefix } from './s3-grants.ts';

export type { LakeGrant } from './s3-grants.ts';

export const LIST = 'storage.objects.list';
export const GET = 'storage.objects.get';
export const CREATE = 'storage.objects.create';
export const DELETE = 'storage.objects.delete';

/** One request as the recording proxy saw it. */
export interface GcsRequest {
  method: string;
  /** Path and query, percent-encoded. */
  url: string;
}

/**
 * Turns one role's recorded requests into grants. `existing` holds the full names of the
 * objects already in the lake under the session's prefix (every one of them was written by a
 * recorded request, the prefix being fresh), so an upload that replaces one is seen as such;
 * it is updated as uploads and deletes go by and may be shared by successive recordings.
 */
export function gcsRequestGrants(
  requests: readonly GcsRequest[],
  bucket: string,
  keyPrefix: string,
  existing: Set<string>,
): LakeGrant[] {
  const grants: LakeGrant[] = [];
  const own = (request: GcsRequest, name: string) => {
    if (!name.startsWith(keyPrefix))
      throw new Error(`request outside the session prefix: ${request.method} ${request.url}`);
    return topLevelPrefix(name.slice(keyPrefix.length));
  };
  for (const request of requests) {
    const parsed = new URL(request.url, 'http://gcs');
    const query = parsed.searchParams;
    const segments = parsed.pathname.split('/').filter((s) => s !== '');
    // /storage/v1/b[/<bucket>[/o[/<object>]]], /upload/storage/v1/b/<bucket>/o, /download/storage/v1/b/<bucket>/o/<object>
    const api = segments[0] === 'upload' || segments[0] === 'download' ? segments.shift() : 'json';
    if (segments[0] !== 'storage' || segments[1] !== 'v1' || segments[2] !== 'b')
      throw new Error(`unmapped Cloud Storage request: ${request.method} ${request.url}`);
    const [target, collection, ...objectPath] = segments.slice(3).map(decodeURIComponent);
    // Bucket look-up and creation: the provider makes its bucket on an emulator only.
    if (collection === undefined) continue;
    if (target !== bucket || collection !== 'o')
      throw new Error(`request outside the lake bucket: ${request.method} ${request.url}`);
    const object = objectPath.join('/');
    if (api === 'upload') {
      const name = query.get('name') ?? '';
      const prefix = own(request, name);
      // A resumable upload's later requests carry the session's upload_id: the session URI
      // authorizes them, permissions are checked when the session starts
      // (https://cloud.google.com/storage/docs/resumable-uploads, read 2026-12-05).
      if (query.has('upload_id')) continue;
      if (request.method !== 'POST') throw new Error(`unmapped upload: ${request.method} ${request.url}`);
      grants.push(lakeGrant(CREATE, prefix));
      if (existing.has(name)) grants.push(lakeGrant(DELETE, prefix));
      existing.add(name);
      continue;
    }
    if (object === '') {
      if (request.method !== 'GET') throw new Error(`unmapped bucket request: ${request.method} ${request.url}`);
      grants.push(lakeGrant(LIST, own(request, query.get('prefix') ?? '')));
      continue;
    }
    if (request.method === 'GET') grants.push(lakeGrant(GET, own(request, object)));
    else if (request.method === 'DELETE') {
      grants.push(lakeGrant(DELETE, own(request, object)));
      existing.delete(object);
    } else throw new Error(`unmapped object request: ${request.method} ${request.url}`);
  }
  return grants;
}

/**
 * The `storage.objects.*` permissions of the predefined roles a stack may bind on the lake
 * (https://cloud.google.com/storage/docs/access-control/iam-roles, read 2026-12-05). Their
 * other permissions are left out of the comparison: `storage.folders.*` act on folders of
 * hierarchical-namespace buckets (the lake is not one), `storage.managedFolders.*` on managed
 * folders (the lake has none, and their names never match an `objects/` condition), and
 * `storage.multipartUploads.*` (XML API) write nothing without storage.objects.create.
 */
const PREDEFINED_ROLES: Readonly<Record<string, readonly string[]>> = {
  'roles/storage.objectViewer': [GET, LIST],
  'roles/storage.objectCreator': [CREATE],
  'roles/storage.objectUser': [CREATE, DELETE, GET, LIST, 'storage.objects.restore', 'storage.objects.update'],
  'roles/storage.objectAdmin': [
    CREATE,
    DELETE,
    GET,
    'storage.objects.getIamPolicy',
    LIST,
    'storage.objects.restore',
    'storage.objects.setIamPolicy',
    'storage.objects.update',
  ],
};

/** Every permission checked on the bucket rather than on an object. */
const BUCKET_LEVEL = new Set([LIST]);

/** `${google_project_iam_custom_role.x.id}` or `.name` → that custom role's permissions, from the stack itself. */
function rolePermissions(doc: TfJson, role: string): readonly string[] {
  const predefined = PREDEFINED_ROLES[role];
  if (predefined) return predefined;
  const custom = /^\$\{google_project_iam_custom_role\.([\w-]+)\.(id|name)\}$/.exec(role);
  const body = custom ? doc.resource?.google_project_iam_custom_role?.[custom[1]!] : undefined;
  if (!body) throw new Error(`the permission test does not know what ${role} grants`);
  return (body.permissions as string[]).filter((p) => p.startsWith('storage.objects.'));
}

/** What one condition clause lets through: an object-name prefix, a listing prefix, or the whole bucket. */
type Scope = { kind: 'object' | 'list'; prefix: string } | { kind: 'bucket' };

const OBJECT_CLAUSE = /^resource\.name\.startsWith\("projects\/_\/buckets\/(\$\{[^}]+\})\/objects\/([^"]*)"\)$/;
const LIST_CLAUSE = /^api\.getAttribute\("storage\.googleapis\.com\/objectListPrefix", ""\)\.startsWith\("([^"]*)"\)$/;
const BUCKET_CLAUSE = /^resource\.type == "storage\.googleapis\.com\/Bucket"$/;

/**
 * The scopes of a condition written as `clause || clause || …`. A clause of another shape
 * (an `&&`, a negation, another attribute) is refused: the test cannot say what it grants.
 */
export function conditionScopes(expression: string, lakeName: string): Scope[] {
  return expression.split('||').map((raw): Scope => {
    const clause = raw.trim().replace(/^\((.*)\)$/, '$1');
    const object = OBJECT_CLAUSE.exec(clause);
    if (object) {
      if (object[1] !== lakeName) throw new Error(`a condition names another bucket: ${clause}`);
      return { kind: 'object', prefix: object[2]! };
    }
    const list = LIST_CLAUSE.exec(clause);
    if (list) return { kind: 'list', prefix: list[1]! };
    if (BUCKET_CLAUSE.test(clause)) return { kind: 'bucket' };
    throw new Error(`the permission test cannot read this condition clause: ${clause}`);
  });
}

/** The stack's lake key prefix, written before every prefix of a grant (the `key_prefix` variable). */
const KEY_PREFIX_VARIABLE = '${var.key_prefix}';

/**
 * `${var.key_prefix}raw/` → `raw/`; a prefix that is not a whole top-level folder is reported
 * as written, so it cannot match; the key prefix alone (or nothing) is the whole lake, `*`.
 */
function folder(prefix: string): string {
  const relative = prefix.startsWith(KEY_PREFIX_VARIABLE) ? prefix.slice(KEY_PREFIX_VARIABLE.length) : prefix;
  return relative === '' ? '*' : relative;
}

/** The grants of one binding: each permission of its role on the prefixes its condition allows for that permission. */
function bindingGrants(doc: TfJson, binding: TfBody, lakeName: string): LakeGrant[] {
  const permissions = rolePermissions(doc, String(binding.role));
  const condition = blocks(binding.condition)[0];
  if (!condition) return permissions.map((p) => lakeGrant(p, '*'));
  const scopes = conditionScopes(String(condition.expression), lakeName);
  return permissions.flatMap((permission) =>
    scopes.flatMap((scope) => {
      if (scope.kind === 'bucket') return BUCKET_LEVEL.has(permission) ? [lakeGrant(permission, '*')] : [];
      const applies = BUCKET_LEVEL.has(permission) ? scope.kind === 'list' : scope.kind === 'object';
      return applies ? [lakeGrant(permission, folder(scope.prefix))] : [];
    }),
  );
}

const LAKE_NAME = '${google_storage_bucket.lake_bucket.name}';

/**
 * The `storage.objects.*` grants a service account (its construct name, e.g.
 * `jobbench_runner_account`) holds on the lake: its bucket-level bindings, each narrowed by its
 * condition, and any project-level storage role, which reaches every bucket (prefix `*`).
 */
export function gcsServiceAccountGrants(doc: TfJson, account: string): Set<LakeGrant> {
  const member = `serviceAccount:\${google_service_account.${account}.email}`;
  if (!doc.resource?.google_service_account?.[account]) throw new Error(`no google_service_account.${account}`);
  const out = new Set<LakeGrant>();
  for (const { body } of resourcesOf(doc, 'google_storage_bucket_iam_member')) {
    if (body.member !== member || body.bucket !== LAKE_NAME) continue;
    for (const grant of bindingGrants(doc, body, LAKE_NAME)) out.add(grant);
  }
  for (const { body } of resourcesOf(doc, 'google_project_iam_member')) {
    if (body.member !== member) continue;
    const role = String(body.role);
    // Basic roles hold every storage permission on every bucket of the project.
    if (role === 'roles/owner' || role === 'roles/editor') out.add(lakeGrant('*', '*'));
    if (!role.startsWith('roles/storage.') && !role.includes('google_project_iam_custom_role')) continue;
    for (const permission of rolePermissions(doc, role)) out.add(lakeGrant(permission, '*'));
  }
  return out;
}
