/**
 * The project's own policy checks over synthesized Terraform JSON: the guarantees the
 * jobbench stacks make that checkov misses. Each check is a pure function; a check whose
 * resources are absent from a stack passes (the AWS checks pass on the GCP stack).
 */
import { AWS_GAP_CHECKS } from './aws-checks.ts';
import { AZURE_GAP_CHECKS } from './azure-checks.ts';
import { GCP_GAP_CHECKS } from './gcp-checks.ts';
import { noSecretLiterals } from './secret-checks.ts';
import type { Finding, GapCheck, TfJson } from './tf-json.ts';

export type { Finding, GapCheck, TfJson } from './tf-json.ts';

export const GAP_CHECKS: readonly GapCheck[] = [
  ...AWS_GAP_CHECKS,
  ...GCP_GAP_CHECKS,
  ...AZURE_GAP_CHECKS,
  noSecretLiterals,
];

/** Runs every gap check on one stack's JSON; an empty list means the stack passes. */
export function runGapChecks(doc: TfJson, checks: readonly GapCheck[] = GAP_CHECKS): Finding[] {
  return checks.flatMap((check) => check.run(doc));
}
