/**
 * S3 permissions, both ways: the IAM action and lake prefix each recorded S3 request needs
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html),
 * and the action/prefix pairs an IAM policy document of a synthesized stack grants on the
 * lake. The permission test compares the two sets, so a role gets what the code does and
 * nothing broader.
 */
import { blocks, type TfJson } from './tf-json.ts';

/** One permission on the lake: an IAM action under a top-level prefix (`raw/`, `bench/`…). */
export type LakeGrant = `${string} ${string}`;

export function lakeGrant(action: string, prefix: string): LakeGrant {
  return `${action} ${prefix}`;
}

/** `raw/source=x/page-1.json` → `raw/`: grants are written per top-level folder of the lake. */
export function topLevelPrefix(key: string): string {
  const slash = key.indexOf('/');
  return slash === -1 ? key : key.slice(0, slash + 1);
}

/**
 * The grant a path-style S3 request needs, with `keyPrefix` (the session's prefix) taken off
 * the key; null for bucket-level calls (the provider creates its bucket on an emulator only).
 */
export function s3RequestGrant(method: string, url: string, bucket: string, keyPrefix: string): LakeGrant | null {
  const parsed = new URL(url, 'http://s3');
  const path = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  const [first, ...rest] = path.split('/');
  if (first !== bucket) throw new Error(`request outside the lake bucket: ${method} ${url}`);
  const query = parsed.searchParams;
  const own = (key: string) => {
    if (!key.startsWith(keyPrefix)) throw new Error(`request outside the session prefix: ${method} ${url}`);
    return topLevelPrefix(key.slice(keyPrefix.length));
  };
  const key = rest.join('/');
  if (key === '') {
    if (method === 'GET' && query.has('prefix')) return lakeGrant('s3:ListBucket', own(query.get('prefix') ?? ''));
    if (method === 'GET' && query.has('list-type')) return lakeGrant('s3:ListBucket', '');
    return null; // CreateBucket / HeadBucket / GetBucketLocation: emulator setup
  }
  if (method === 'DELETE')
    return lakeGrant(query.has('uploadId') ? 's3:AbortMultipartUpload' : 's3:DeleteObject', own(key));
  if (method === 'GET' && query.has('uploadId')) return lakeGrant('s3:ListMultipartUploadParts', own(key));
  if (method === 'GET' || method === 'HEAD') return lakeGrant('s3:GetObject', own(key));
  // PutObject, UploadPart, CreateMultipartUpload and CompleteMultipartUpload are all s3:PutObject.
  if (method === 'PUT' || method === 'POST') return lakeGrant('s3:PutObject', own(key));
  throw new Error(`unmapped S3 request: ${method} ${url}`);
}

/**
 * What the S3 store may send without the emulator ever seeing it: a large put is a
 * lib-storage multipart Upload with `leavePartsOnError: false`, which aborts the upload when
 * a part fails (providers/aws/object-store.ts), so every prefix it writes needs the abort too.
 */
export function impliedS3Grants(grants: Iterable<LakeGrant>): Set<LakeGrant> {
  const out = new Set(grants);
  for (const grant of out) {
    const [action, prefix] = grant.split(' ') as [string, string];
    if (action === 's3:PutObject') out.add(lakeGrant('s3:AbortMultipartUpload', prefix));
  }
  return out;
}

const LAKE_ARN = '${aws_s3_bucket.lake_bucket.arn}';

/** The lake prefix a resource or `s3:prefix` value names: `…${var.key_prefix}raw/*` → `raw/`. */
function prefixOf(pattern: string): string {
  const tail = pattern.slice(pattern.lastIndexOf('}') + 1).replace(/^\//, '');
  if (!tail.endsWith('*')) throw new Error(`a lake grant must end with "*": ${pattern}`);
  return tail.slice(0, -1);
}

/**
 * The S3 grants on the lake of one `aws_iam_policy_document` data source: object actions by
 * resource prefix, s3:ListBucket by its `s3:prefix` condition. A grant on the whole bucket
 * (no prefix, or a wildcard action) is reported as prefix `*`, which no role needs.
 */
export function s3PolicyGrants(doc: TfJson, documentName: string): Set<LakeGrant> {
  const body = doc.data?.aws_iam_policy_document?.[documentName];
  if (!body) throw new Error(`no aws_iam_policy_document.${documentName} in the stack`);
  const out = new Set<LakeGrant>();
  for (const statement of blocks(body.statement)) {
    if (statement.effect === 'Deny') continue;
    const actions = (statement.actions as string[] | undefined) ?? [];
    const resources = (statement.resources as string[] | undefined) ?? [];
    for (const action of actions.filter((a) => a.startsWith('s3:') || a === '*')) {
      if (action.includes('*')) {
        out.add(lakeGrant(action, '*'));
        continue;
      }
      if (action === 's3:ListBucket') {
        const prefixes = blocks(statement.condition)
          .filter((c) => c.variable === 's3:prefix')
          .flatMap((c) => c.values as string[]);
        if (prefixes.length === 0) out.add(lakeGrant(action, '*'));
        for (const p of prefixes) out.add(lakeGrant(action, prefixOf(p)));
        continue;
      }
      for (const resource of resources.filter((r) => r.startsWith(LAKE_ARN) || r === '*'))
        out.add(lakeGrant(action, resource === '*' || resource === `${LAKE_ARN}/*` ? '*' : prefixOf(resource)));
    }
  }
  return out;
}
