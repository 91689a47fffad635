/**
 * Turns a synthesized Terraform JSON document (the JSON syntax of
 * https://developer.hashicorp.com/terraform/language/syntax/json, as `cdktf synth` writes
 * it) into a platform inventory with a cloud's rules: each resource type either yields
 * billable lines or is left out with a reason. A type no rule knows is left out as
 * "not classified", so a new resource in a stack cannot slip past unpriced: the
 * inventory test fails until someone says what it costs. Pure functions, no cdktf.
 */
import type { PlatformCloud, PlatformExclusion, PlatformInventory, PlatformLine } from './platform-inventory.ts';

/** Hours in the month every platform line is counted over (8,760 h / 12, the cloud vendors' convention). */
export const PLATFORM_HOURS_PER_MONTH = 730;

/** The reason given to a resource type that no rule knows. */
export const UNCLASSIFIED =
  'not classified: say in its cloud platform-inventory.ts whether it bills while the stack stands';

/** A synthesized `cdk.tf.json`, only the parts an inventory reads. */
export interface TerraformDocument {
  resource?: Record<string, Record<string, TerraformBody>>;
  variable?: Record<string, TerraformBody>;
  [key: string]: unknown;
}

/** The arguments of one resource or nested block. */
export type TerraformBody = Record<string, unknown>;

/** One declared resource. */
export interface TerraformResource {
  type: string;
  name: string;
  /** `<type>.<name>`. */
  address: string;
  body: TerraformBody;
}

/** How a resource type counts: lines from its resources, or free with a reason. */
export type ResourceRule =
  | {
      /** Lines for all resources of the type at once (so a rule can count them, e.g. free budgets). */
      lines: (resources: readonly TerraformResource[], doc: TerraformDocument) => PlatformLine[];
      /** Reason recorded when the resources yield no line (e.g. budgets within the free count). */
      otherwise?: string;
    }
  | { free: string };

export interface InventoryRules {
  cloud: PlatformCloud;
  /** Rules by exact resource type. */
  types: Readonly<Record<string, ResourceRule>>;
  /** Reasons for families of free types (IAM bindings…), tried after the exact rules. */
  patterns?: readonly { match: RegExp; free: string }[];
  /** Adjusts the lines once all are known (e.g. a cap that several resources share). */
  finish?: (lines: PlatformLine[], doc: TerraformDocument) => PlatformLine[];
}

/** The inventory of `doc` under `rules`: lines in resource-type order, then the types left out. */
export function buildInventory(doc: TerraformDocument, rules: InventoryRules): PlatformInventory {
  let lines: PlatformLine[] = [];
  const leftOut: PlatformExclusion[] = [];
  for (const type of Object.keys(doc.resource ?? {})) {
    const resources = resourcesOf(doc, type);
    if (resources.length === 0) continue;
    const rule = rules.types[type];
    if (rule && 'lines' in rule) {
      const found = rule.lines(resources, doc);
      if (found.length > 0) lines.push(...found);
      else leftOut.push({ type, count: resources.length, reason: rule.otherwise ?? 'no billable line' });
      continue;
    }
    const reason = rule?.free ?? rules.patterns?.find((p) => p.match.test(type))?.free ?? UNCLASSIFIED;
    leftOut.push({ type, count: resources.length, reason });
  }
  if (rules.finish) lines = rules.finish(lines, doc);
  return {
    cloud: rules.cloud,
    source: `providers/${rules.cloud}/platform-inventory.json (infra synth)`,
    lines,
    leftOut,
  };
}

export function resourcesOf(doc: TerraformDocument, type: string): TerraformResource[] {
  return Object.entries(doc.resource?.[type] ?? {}).map(([name, body]) => ({
    type,
    name,
    address: `${type}.${name}`,
    body,
  }));
}

/** A nested block as a list: cdktf writes a single block as an object and repeated ones as an array. */
export function blocksOf(value: unknown): TerraformBody[] {
  const isBody = (v: unknown): v is TerraformBody => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(value)) return value.filter(isBody);
  return isBody(value) ? [value] : [];
}

/** An argument's value and how to say where it came from in a `basis`. */
export interface ReadArgument<T> {
  value: T;
  /** `allocated_storage = 20`, or `allocated_storage = var.size (default 20)`. */
  text: string;
}

/**
 * A number argument: a literal, or `${var.x}` with a default. Any other expression throws:
 * an inventory built from a guess would read as a fact.
 */
export function numberArgument(
  doc: TerraformDocument,
  resource: TerraformResource,
  argument: string,
  fallback?: number,
): ReadArgument<number> {
  const read = literalOrDefault(doc, resource, argument);
  if (read === undefined) {
    if (fallback === undefined) throw new Error(`${resource.address} has no ${argument}`);
    return { value: fallback, text: `${argument} unset (provider default ${fallback})` };
  }
  const value = typeof read.value === 'string' && read.value.trim() !== '' ? Number(read.value) : read.value;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`${resource.address}.${argument} is not a number: ${JSON.stringify(read.value)}`);
  return { value, text: `${argument} = ${read.source}${value}${read.source ? ')' : ''}` };
}

/** A boolean argument, read like numberArgument; `fallback` is the provider's default when unset. */
export function booleanArgument(
  doc: TerraformDocument,
  resource: TerraformResource,
  argument: string,
  fallback: boolean,
): ReadArgument<boolean> {
  const read = literalOrDefault(doc, resource, argument);
  if (read === undefined) return { value: fallback, text: `${argument} unset (provider default ${fallback})` };
  const value = read.value === 'true' ? true : read.value === 'false' ? false : read.value;
  if (typeof value !== 'boolean')
    throw new Error(`${resource.address}.${argument} is not a boolean: ${JSON.stringify(read.value)}`);
  return { value, text: `${argument} = ${read.source}${value}${read.source ? ')' : ''}` };
}

/** A string argument that must be a literal (an instance class, a SKU). */
export function stringArgument(resource: TerraformResource, argument: string): string {
  const value = resource.body[argument];
  if (typeof value !== 'string' || value.includes('${'))
    throw new Error(`${resource.address}.${argument} is not a literal string: ${JSON.stringify(value)}`);
  return value;
}

/** Whether `value` (any JSON) holds a `${…<type>.<name>…}` reference to `resource`. */
export function referencesResource(value: unknown, resource: TerraformResource): boolean {
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `\\$\\{[^}]*(?<!data\\.)\\b${escapeRegExp(resource.type)}\\.${escapeRegExp(resource.name)}\\b`,
  );
  return pattern.test(JSON.stringify(value ?? null));
}

/** Rounds a derived quantity so the committed JSON does not carry float noise. */
export function roundQuantity(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function literalOrDefault(
  doc: TerraformDocument,
  resource: TerraformResource,
  argument: string,
): { value: unknown; source: string } | undefined {
  const raw = resource.body[argument];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string' || !raw.includes('${')) return { value: raw, source: '' };
  const variable = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(raw)?.[1];
  const fallback = variable === undefined ? undefined : doc.variable?.[variable]?.default;
  if (variable === undefined || fallback === undefined) {
    throw new Error(
      `${resource.address}.${argument} is an expression (${raw}): the inventory reads literals and variables with a default`,
    );
  }
  return { value: fallback, source: `var.${variable} (default ` };
}
