/**
 * The one list of accepted checkov findings (`infra/policy-skips.yaml` at the project
 * root), and the comparison of a checkov run against it: a failure not listed is a
 * finding, a listed skip that matches no failure is stale.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** One accepted finding: a checkov check on named resources of one cloud's stack, and why. */
export interface PolicySkip {
  /** checkov check id, e.g. `CKV_AWS_144`. */
  check: string;
  cloud: string;
  /** `<type>.<logical id>` as in the synthesized JSON. */
  resources: string[];
  /** Why the finding is accepted; required and read by reviewers. */
  reason: string;
}

/** One failed check as checkov reports it. */
export interface CheckovFailure {
  check: string;
  cloud: string;
  /** checkov's resource: `aws_s3_bucket.lake_bucket`, or `resource.trail` for some checks on JSON input. */
  resource: string;
  title: string;
}

export interface Reconciliation {
  /** Failures that no skip accepts: each is a policy violation to fix. */
  unexpected: CheckovFailure[];
  /** `check cloud resource` of skips that matched nothing: remove them from the file. */
  stale: string[];
}

const MIN_REASON_LENGTH = 40;

/** Parses and validates the skips file; throws naming the first bad entry. */
export function parsePolicySkips(text: string): PolicySkip[] {
  const doc = parse(text) as { skips?: unknown } | null;
  const entries = doc?.skips;
  if (!Array.isArray(entries)) throw new Error('policy skips: expected a top-level `skips:` list');
  return entries.map((entry: unknown, index) => {
    const e = (entry ?? {}) as Partial<Record<keyof PolicySkip, unknown>>;
    const where = `policy skips entry ${index + 1}`;
    if (typeof e.check !== 'string' || !/^CKV2?_[A-Z0-9]+_\d+$/.test(e.check))
      throw new Error(`${where}: check must be a checkov id`);
    if (typeof e.cloud !== 'string' || e.cloud === '') throw new Error(`${where} (${e.check}): cloud is required`);
    if (
      !Array.isArray(e.resources) ||
      e.resources.length === 0 ||
      !e.resources.every((r) => typeof r === 'string' && r.includes('.'))
    ) {
      throw new Error(`${where} (${e.check}): resources must list <type>.<name> addresses`);
    }
    if (typeof e.reason !== 'string' || e.reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(
        `${where} (${e.check}): a written reason of at least ${MIN_REASON_LENGTH} characters is required`,
      );
    }
    return { check: e.check, cloud: e.cloud, resources: e.resources as string[], reason: e.reason.trim() };
  });
}

export async function loadPolicySkips(file: string): Promise<PolicySkip[]> {
  return parsePolicySkips(await readFile(file, 'utf8'));
}

/** Whether checkov's resource name designates the `type.name` address (checkov sometimes drops the type). */
export function sameResource(checkovResource: string, address: string): boolean {
  if (checkovResource === address) return true;
  const name = address.slice(address.indexOf('.') + 1);
  return checkovResource.startsWith('resource.') && checkovResource.slice('resource.'.length) === name;
}

export function reconcile(failures: readonly CheckovFailure[], skips: readonly PolicySkip[]): Reconciliation {
  const used = new Set<string>();
  const unexpected = failures.filter((failure) => {
    for (const skip of skips) {
      if (skip.check !== failure.check || skip.cloud !== failure.cloud) continue;
      const address = skip.resources.find((r) => sameResource(failure.resource, r));
      if (address !== undefined) {
        used.add(`${skip.check} ${skip.cloud} ${address}`);
        return false;
      }
    }
    return true;
  });
  const stale = skips
    .flatMap((skip) => skip.resources.map((address) => `${skip.check} ${skip.cloud} ${address}`))
    .filter((key) => !used.has(key));
  return { unexpected, stale };
}
