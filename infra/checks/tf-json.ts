/**
 * Reading synthesized Terraform JSON (`cdk.tf.json`, the JSON syntax of
 * https://developer.hashicorp.com/terraform/language/syntax/json) for the policy checks:
 * resources by type, nested blocks whichever shape they take, and `${type.name.attr}`
 * references between resources. Pure functions, no cdktf.
 */

/** A parsed `cdk.tf.json` (only the parts the checks read). */
export interface TfJson {
  resource?: Record<string, Record<string, TfBody>>;
  data?: Record<string, Record<string, TfBody>>;
  provider?: Record<string, TfBody[] | TfBody>;
  output?: Record<string, TfBody>;
  variable?: Record<string, TfBody>;
  [key: string]: unknown;
}

/** The arguments of one resource or block. */
export type TfBody = Record<string, unknown>;

/** One resource: its type, logical name and arguments. */
export interface TfResource {
  type: string;
  name: string;
  body: TfBody;
}

/** A policy finding: which check, which resource (`type.name`), what is wrong. */
export interface Finding {
  check: string;
  resource: string;
  message: string;
}

/** A gap check: a pure function from one stack's JSON to its findings (none = pass). */
export interface GapCheck {
  id: string;
  /** What the check guarantees, as a sentence. */
  description: string;
  run: (doc: TfJson) => Finding[];
}

export function resourcesOf(doc: TfJson, type: string): TfResource[] {
  return Object.entries(doc.resource?.[type] ?? {}).map(([name, body]) => ({ type, name, body }));
}

export function dataOf(doc: TfJson, type: string): TfResource[] {
  return Object.entries(doc.data?.[type] ?? {}).map(([name, body]) => ({ type, name, body }));
}

export function addressOf(resource: TfResource): string {
  return `${resource.type}.${resource.name}`;
}

/** A nested block as a list: cdktf writes single blocks as objects and repeated ones as arrays. */
export function blocks(value: unknown): TfBody[] {
  if (Array.isArray(value)) return value.filter(isBody);
  return isBody(value) ? [value] : [];
}

function isBody(value: unknown): value is TfBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` (any JSON) contains a `${<type>.<name>…}` reference to the resource. */
export function references(value: unknown, type: string, name: string): boolean {
  const pattern = new RegExp(`\\$\\{[^}]*\\b${escapeRegExp(type)}\\.${escapeRegExp(name)}\\b`);
  return JSON.stringify(value ?? null).match(pattern) !== null;
}

/** Logical names of the `type` resources or data sources that `value` references. */
export function referencedNames(value: unknown, type: string, kind: 'resource' | 'data' = 'resource'): string[] {
  const prefix = kind === 'data' ? `data\\.${escapeRegExp(type)}` : `(?<!data\\.)${escapeRegExp(type)}`;
  const pattern = new RegExp(`${prefix}\\.([A-Za-z0-9_-]+)`, 'g');
  const text = JSON.stringify(value ?? null);
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1] as string))];
}

/** True for a literal that is not a Terraform expression: `"x"`, not `"${var.x}"`. */
export function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('${');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
