/**
 * What a deployed stack bills while it stands, whether or not a run is going on: the
 * always-on database, keys, secrets, alarms, scheduler jobs, audit and log ingestion.
 * Each cloud derives its inventory from its synthesized Terraform JSON
 * (`providers/<cloud>/platform-inventory.ts`); the committed
 * `providers/<cloud>/platform-inventory.json` is what a provider reports, and the cost
 * model prices it (`benchmarks/cost/platform-cost.ts`).
 */
import { readFileSync } from 'node:fs';

/** The clouds that deploy a stack. */
export type PlatformCloud = 'aws' | 'gcp' | 'azure';

/** Unit of a platform line's monthly quantity; the same unit as its price item. */
export type PlatformUnit = 'instance-hour' | 'gb-month' | 'resource-month' | 'gb-ingested' | 'request';

/** One billable line: a quantity per month of one price item, caused by one resource. */
export interface PlatformLine {
  /** Price item id in the cloud's price table, e.g. `rds.instance`. */
  item: string;
  /** Units per month. */
  quantity: number;
  unit: PlatformUnit;
  /** Terraform address of the resource that causes it: `<type>.<name>`. */
  resource: string;
  /** How the quantity was derived, e.g. `allocated_storage = 20`, or the stated assumption. */
  basis: string;
  /**
   * True when the quantity is a stated assumption (log volume, operations: usage that
   * Terraform cannot tell), false when it is read from the resource's arguments.
   */
  assumed: boolean;
}

/** A resource type of the stack that is not a line, and why. */
export interface PlatformExclusion {
  /** Terraform resource type, e.g. `aws_iam_role`. */
  type: string;
  /** How many resources of this type the stack declares. */
  count: number;
  /** Why it bills nothing while the stack stands (or why it is not priced here). */
  reason: string;
}

/** The billable lines of one cloud's stack, derived from its synthesized Terraform. */
export interface PlatformInventory {
  cloud: PlatformCloud;
  /** Where the inventory comes from, e.g. `providers/aws/platform-inventory.json (infra synth)`. */
  source: string;
  lines: PlatformLine[];
  /** Every other resource type of the stack, with the reason it is not a line. */
  leftOut: PlatformExclusion[];
}

/** The committed inventory next to a cloud's code (`new URL('./platform-inventory.json', import.meta.url)`), read once. */
export function committedPlatformInventory(fileUrl: URL): () => PlatformInventory {
  let cached: PlatformInventory | undefined;
  return () => (cached ??= JSON.parse(readFileSync(fileUrl, 'utf8')) as PlatformInventory);
}
