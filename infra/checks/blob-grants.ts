/**
 * Blob Storage permissions, both ways: the data action and lake prefix each recorded Blob
 * REST request needs, and what the Azure stack's role assignments grant, read from their
 * ABAC conditions. The permission test compares the two sets per identity, so an identity
 * gets what the code does and nothing broader.
 *
 * Requests → data actions (https://learn.microsoft.com/azure/role-based-access-control/permissions/storage
 * and https://learn.microsoft.com/rest/api/storageservices/authorize-with-azure-active-directory#permissions-for-blob-service-operations,
 * read 2026-12-05): List Blobs is `blobs/read` with the suboperation `Blob.List`; Get Blob, Get
 * Blob Properties (HEAD) and Get Block List are `blobs/read`; Put Blob, Put Block and Put Block
 * List are `blobs/write` (or `blobs/add/action` for a new blob); Delete Blob is `blobs/delete`.
 *
 * Conditions (https://learn.microsoft.com/azure/role-based-access-control/conditions-format and
 * https://learn.microsoft.com/azure/storage/blobs/storage-auth-abac-attributes, read 2026-12-05)
 * restrict the data actions of the role they sit on; an action the condition does not mention
 * stays granted everywhere in the assignment's scope. So the grants are not read off the
 * condition's text: the condition is evaluated for every data action of the role on probe
 * paths in each lake prefix and outside them, and whatever it allows is a grant.
 */
import { type LakeGrant, lakeGrant, topLevelPrefix } from './s3-grants.ts';
import { resourcesOf, type TfJson } from './tf-json.ts';

const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';

/** The blob data operations, by the name a grant carries: each is a data action, with its suboperation. */
export const BLOB_OPERATIONS = {
  'blob:list': { action: `${BLOBS}/read`, subOperation: 'Blob.List' },
  'blob:read': { action: `${BLOBS}/read`, subOperation: null },
  'blob:write': { action: `${BLOBS}/write`, subOperation: null },
  'blob:add': { action: `${BLOBS}/add/action`, subOperation: null },
  'blob:delete': { action: `${BLOBS}/delete`, subOperation: null },
  'blob:move': { action: `${BLOBS}/move/action`, subOperation: null },
} as const;
export type BlobOperation = keyof typeof BLOB_OPERATIONS;

/**
 * The data actions of the built-in roles the stack may assign on the lake
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage, read 2026-12-05).
 * Any other role on a scope holding the lake makes the test fail: it would need its own row.
 */
const ROLE_OPERATIONS: Readonly<Record<string, readonly BlobOperation[]>> = {
  'Storage Blob Data Reader': ['blob:list', 'blob:read'],
  'Storage Blob Data Contributor': ['blob:list', 'blob:read', 'blob:write', 'blob:add', 'blob:delete', 'blob:move'],
};

/** The top-level folders of the lake, as pipeline/lake/lake-layout.ts and results/ write them. */
export const LAKE_PREFIXES = ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/', 'results/'] as const;

/**
 * The grant a recorded Blob request needs, with `keyPrefix` (the session's prefix) taken off
 * the blob name; null for container-level calls the provider makes on Azurite only (creating
 * its container). Path-style URLs (`/<account>/<container>/<blob>`, as Azurite takes them).
 */
export function blobRequestGrant(
  method: string,
  url: string,
  account: string,
  container: string,
  keyPrefix: string,
): LakeGrant | null {
  const parsed = new URL(url, 'http://blob');
  const segments = parsed.pathname.replace(/^\/+/, '').split('/');
  const [accountSegment, containerSegment, ...rest] = segments.map((s) => decodeURIComponent(s));
  if (accountSegment !== account || containerSegment !== container)
    throw new Error(`request outside the lake container: ${method} ${url}`);
  const query = parsed.searchParams;
  const own = (name: string) => {
    if (!name.startsWith(keyPrefix)) throw new Error(`request outside the session prefix: ${method} ${url}`);
    return topLevelPrefix(name.slice(keyPrefix.length));
  };
  const blob = rest.join('/');
  if (blob === '') {
    if (method === 'GET' && query.get('comp') === 'list') return lakeGrant('blob:list', own(query.get('prefix') ?? ''));
    if (method === 'PUT' && query.get('restype') === 'container') return null; // Create Container: Azurite setup
    throw new Error(`unmapped container request: ${method} ${url}`);
  }
  const comp = query.get('comp');
  if (method === 'DELETE' && comp === null) return lakeGrant('blob:delete', own(blob));
  if ((method === 'GET' || method === 'HEAD') && (comp === null || comp === 'blocklist'))
    return lakeGrant('blob:read', own(blob));
  // Put Blob, Put Block and Put Block List.
  if (method === 'PUT' && (comp === null || comp === 'block' || comp === 'blocklist'))
    return lakeGrant('blob:write', own(blob));
  throw new Error(`unmapped blob request: ${method} ${url}`);
}

/**
 * What a write implies without the service ever showing it: creating a blob may be
 * authorized by `blobs/add/action` instead of `blobs/write`, so the stack restricts both
 * to the same prefixes, and the recorded writes stand for both.
 */
export function impliedBlobGrants(grants: Iterable<LakeGrant>): Set<LakeGrant> {
  const out = new Set(grants);
  for (const grant of out) {
    const [action, prefix] = grant.split(' ') as [string, string];
    if (action === 'blob:write') out.add(lakeGrant('blob:add', prefix));
  }
  return out;
}

// ------------------------------------------------------------------ conditions

/** What a condition is evaluated against: one data operation on one path or listing prefix. */
export interface BlobRequest {
  action: string;
  subOperation: string | null;
  /** `@Resource[…blobs:path]`: the blob name (absent for List Blobs). */
  path?: string;
  /** `@Request[…blobs:prefix]`: the listing prefix (List Blobs only; absent when the request has none). */
  prefix?: string;
}

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'action'; pattern: string }
  | { kind: 'suboperation'; name: string }
  | { kind: 'compare'; attribute: string; operator: string; value: string };

const ATTRIBUTES: Readonly<Record<string, (r: BlobRequest) => string | undefined>> = {
  [`@Resource[${BLOBS}:path]`]: (r) => r.path,
  [`@Request[${BLOBS}:prefix]`]: (r) => r.prefix,
};

const OPERATORS: Readonly<Record<string, (actual: string, expected: string) => boolean>> = {
  StringEquals: (a, e) => a === e,
  StringStartsWith: (a, e) => a.startsWith(e),
  StringLike: (a, e) => wildcard(e).test(a),
};

function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

const TOKEN =
  /\s*(?:(\()|(\))|(!)|\b(AND|OR|NOT)\b|(ActionMatches|SubOperationMatches)\{'([^']*)'\}|(@(?:Resource|Request)\[[^\]]+\])\s+(\w+)\s+'([^']*)')/y;

/** Parses the subset of the condition language the stack writes; anything else is an error, never a guess. */
export function parseCondition(text: string): Node {
  type Token =
    | { t: '(' | ')' | '!' | 'AND' | 'OR' | 'NOT' }
    | { t: 'fn'; fn: string; arg: string }
    | { t: 'cmp'; attribute: string; operator: string; value: string };
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot read the condition at ${JSON.stringify(text.slice(start, start + 60))}`);
    if (m[1]) tokens.push({ t: '(' });
    else if (m[2]) tokens.push({ t: ')' });
    else if (m[3]) tokens.push({ t: '!' });
    else if (m[4]) tokens.push({ t: m[4] as 'AND' | 'OR' | 'NOT' });
    else if (m[5]) tokens.push({ t: 'fn', fn: m[5], arg: m[6] ?? '' });
    else tokens.push({ t: 'cmp', attribute: m[7]!, operator: m[8]!, value: m[9] ?? '' });
  }
  let at = 0;
  const peek = () => tokens[at];
  const expect = (t: string) => {
    if (peek()?.t !== t) throw new Error(`condition: expected ${t} at token ${at}`);
    at += 1;
  };
  const binary = (kind: 'and' | 'or', word: 'AND' | 'OR', next: () => Node) => (): Node => {
    let left = next();
    while (peek()?.t === word) {
      at += 1;
      left = { kind, left, right: next() };
    }
    return left;
  };
  const unary = (): Node => {
    const token = peek();
    if (!token) throw new Error('condition: unexpected end');
    at += 1;
    if (token.t === '!' || token.t === 'NOT') return { kind: 'not', operand: unary() };
    if (token.t === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.t === 'fn')
      return token.fn === 'ActionMatches'
        ? { kind: 'action', pattern: token.arg }
        : { kind: 'suboperation', name: token.arg };
    if (token.t === 'cmp') {
      if (!(token.attribute in ATTRIBUTES)) throw new Error(`condition: unknown attribute ${token.attribute}`);
      if (!(token.operator in OPERATORS)) throw new Error(`condition: unknown operator ${token.operator}`);
      return { kind: 'compare', attribute: token.attribute, operator: token.operator, value: token.value };
    }
    throw new Error(`condition: unexpected ${token.t} at token ${at - 1}`);
  };
  const and = binary('and', 'AND', unary);
  const or = binary('or', 'OR', and);
  const tree = or();
  if (at !== tokens.length) throw new Error(`condition: unexpected ${peek()?.t} at token ${at}`);
  return tree;
}

/** Whether the condition lets `request` through. A missing attribute makes its comparison false. */
export function conditionAllows(condition: Node, request: BlobRequest): boolean {
  switch (condition.kind) {
    case 'and':
      return conditionAllows(condition.left, request) && conditionAllows(condition.right, request);
    case 'or':
      return conditionAllows(condition.left, request) || conditionAllows(condition.right, request);
    case 'not':
      return !conditionAllows(condition.operand, request);
    case 'action':
      return wildcard(condition.pattern).test(request.action);
    case 'suboperation':
      return request.subOperation === condition.name;
    case 'compare': {
      const actual = ATTRIBUTES[condition.attribute]!(request);
      return actual !== undefined && OPERATORS[condition.operator]!(actual, condition.value);
    }
  }
}

/** A name and a listing prefix outside every lake folder, and the whole-container listing. */
const OUTSIDE = 'outside-the-lake/';

/** The grants of one condition (null: none) on a role's operations, probed prefix by prefix. */
function grantsOf(condition: string | null, operations: readonly BlobOperation[]): Set<LakeGrant> {
  const tree = condition === null ? null : parseCondition(condition);
  const out = new Set<LakeGrant>();
  for (const operation of operations) {
    const { action, subOperation } = BLOB_OPERATIONS[operation];
    const probe = (prefix: string): BlobRequest =>
      subOperation === 'Blob.List'
        ? { action, subOperation, prefix }
        : { action, subOperation, path: `${prefix}probe` };
    const allowed = (prefix: string) => tree === null || conditionAllows(tree, probe(prefix));
    const broader = allowed(OUTSIDE) || (subOperation === 'Blob.List' && allowed(''));
    if (broader) {
      out.add(lakeGrant(operation, '*'));
      continue;
    }
    for (const prefix of LAKE_PREFIXES) if (allowed(prefix)) out.add(lakeGrant(operation, prefix));
  }
  return out;
}

const CONTAINER_SCOPE =
  '${azurerm_storage_account.storage.id}/blobServices/default/containers/${azurerm_storage_container.lake_container.name}';

/**
 * The blob grants of every principal holding a role on the lake, keyed by the principal's
 * expression in the JSON (`${azurerm_user_assigned_identity.runner_identity.principal_id}`, …).
 * A role on the storage account, the resource group or the subscription holds the whole
 * lake: its operations are reported under prefix `*`, which no identity needs.
 */
export function blobRoleGrants(doc: TfJson): Map<string, Set<LakeGrant>> {
  const out = new Map<string, Set<LakeGrant>>();
  for (const assignment of resourcesOf(doc, 'azurerm_role_assignment')) {
    const body = assignment.body;
    const scope = String(body.scope);
    const onContainer = scope === CONTAINER_SCOPE;
    const above =
      !onContainer &&
      (scope === '${azurerm_storage_account.storage.id}' ||
        scope.includes('azurerm_resource_group.') ||
        scope.startsWith('/subscriptions/') ||
        scope.includes('subscription'));
    if (!onContainer && !above) continue; // Key Vault, other resources
    const role = String(body.role_definition_name ?? '');
    const operations = ROLE_OPERATIONS[role];
    if (operations === undefined) {
      // A control-plane role (Owner, Contributor) holds no blob data action; anything else needs a row.
      if (body.role_definition_name === undefined || /Blob|Storage|Data/.test(role))
        throw new Error(`${assignment.type}.${assignment.name}: role ${role || body.role_definition_id} has no row`);
      continue;
    }
    if (body.condition !== undefined && body.condition_version !== '2.0')
      throw new Error(`${assignment.type}.${assignment.name}: condition_version must be 2.0`);
    const grants = grantsOf(typeof body.condition === 'string' ? body.condition : null, operations);
    const principal = String(body.principal_id);
    const held = out.get(principal) ?? new Set<LakeGrant>();
    for (const grant of grants) held.add(above ? lakeGrant(grant.split(' ')[0]!, '*') : grant);
    out.set(principal, held);
  }
  return out;
}
