/**
 * Where a provider's figures were measured from. A latency taken from an operator's laptop
 * holds that laptop's internet path; one taken by the runner a stack deploys in the
 * provider's region holds the cloud's own. Every provider result records which, so the
 * comparison never sets the two side by side unlabelled.
 */
import type { Env } from '../providers/core/index.ts';
import type { ProviderResult } from '../results/schema.ts';

export type Vantage = NonNullable<ProviderResult['vantage']>;

/** What the operator (or the runner's deployment) says about where this process runs. */
export type VantageClaim = 'in-region' | 'external';

export const VANTAGE_CLAIMS: readonly VantageClaim[] = ['in-region', 'external'];

/**
 * The compute platform this process runs on, from the variables each platform sets in its
 * own runtime (read 2026-12-05):
 * AWS Lambda `AWS_LAMBDA_FUNCTION_NAME` (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * Cloud Run jobs `CLOUD_RUN_JOB` (https://cloud.google.com/run/docs/container-contract#jobs-env-vars),
 * Container Apps jobs `CONTAINER_APP_JOB_NAME` (https://learn.microsoft.com/azure/container-apps/jobs#job-environment-variables).
 */
export function detectRuntime(env: Env): string | null {
  if (env.AWS_LAMBDA_FUNCTION_NAME) return 'aws-lambda';
  if (env.CLOUD_RUN_JOB) return 'cloud-run-job';
  if (env.CONTAINER_APP_JOB_NAME) return 'container-apps-job';
  return null;
}

/**
 * The vantage of one provider's result: an emulator or the embedded provider is measured on
 * this machine whatever is claimed; a real service is `in-region` only when the run says so
 * (the runners do), in the provider's region.
 */
export function vantageOf(
  provider: Pick<ProviderResult, 'emulated' | 'region'>,
  claim: VantageClaim,
  env: Env,
): Vantage {
  const runtime = detectRuntime(env);
  if (provider.emulated) return { kind: 'this-machine', region: null, runtime };
  if (claim === 'in-region') return { kind: 'in-region', region: provider.region, runtime };
  return { kind: 'external', region: null, runtime };
}
