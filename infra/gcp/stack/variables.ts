/**
 * The GCP stack's Terraform input variables. What differs between accounts is a variable;
 * the project, billing account, alert address and image have no default on purpose: a plan
 * that asks is better than one that deploys into the wrong project or runs a stranger's image.
 */
import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { DEFAULT_GCP_LOCATION } from '../../../providers/gcp/config.ts';

/** The stack's variables, by the role they play in the resources. */
export interface GcpVariables {
  /** `project_id`: receives every resource. */
  projectId: TerraformVariable;
  /** `region`: buckets, datasets, key and jobs; the provider's default too. */
  region: TerraformVariable;
  /** `billing_account`: the account the budget watches. */
  billingAccount: TerraformVariable;
  /** `budget_amount`: monthly budget in the billing account's currency. */
  budgetAmount: TerraformVariable;
  /** `budget_currency`: the billing account's currency. */
  budgetCurrency: TerraformVariable;
  /** `alert_email`: receives budget alerts. */
  alertEmail: TerraformVariable;
  /** `jobbench_image`: the one image of the collector and runner jobs. */
  image: TerraformVariable;
  /** `teardown`: lifts every protection that would block `terraform destroy`. */
  teardown: TerraformVariable;
  /** `key_prefix`: the lake key prefix of every job and grant (JOBBENCH_GCP_KEY_PREFIX). */
  keyPrefix: TerraformVariable;
}

/** Declares the variables on the stack (order kept: it is the order of `variable` in the JSON). */
export function addGcpVariables(scope: Construct): GcpVariables {
  const projectId = new TerraformVariable(scope, 'project_id', {
    type: 'string',
    description: 'GCP project that receives every resource.',
  });
  const region = new TerraformVariable(scope, 'region', {
    type: 'string',
    default: DEFAULT_GCP_LOCATION,
    description:
      "Region of the buckets, datasets, key and jobs, the provider's default too (us-central1 would be inside the Cloud Storage free tier).",
  });
  const billingAccount = new TerraformVariable(scope, 'billing_account', {
    type: 'string',
    description: 'Billing account id (XXXXXX-XXXXXX-XXXXXX) the budget watches.',
  });
  const budgetAmount = new TerraformVariable(scope, 'budget_amount', {
    type: 'number',
    default: 10,
    description: 'Monthly budget, in the billing account currency; alerts at 50 %, 90 % and 100 % forecast.',
  });
  const budgetCurrency = new TerraformVariable(scope, 'budget_currency', {
    type: 'string',
    default: 'USD',
    description: 'Currency of the billing account (a budget must use it).',
  });
  const alertEmail = new TerraformVariable(scope, 'alert_email', {
    type: 'string',
    description: 'Address that receives budget alerts.',
  });
  const image = new TerraformVariable(scope, 'jobbench_image', {
    type: 'string',
    description:
      "The image `docker build` makes from this repository's Dockerfile, pushed to Artifact Registry (e.g. europe-west9-docker.pkg.dev/<project>/jobbench/jobbench:<tag>); both the collector and the runner job run it.",
  });
  const teardown = new TerraformVariable(scope, 'teardown', {
    type: 'bool',
    default: false,
    description:
      'Set to true and apply once before `terraform destroy`: lets Terraform empty the buckets and datasets and delete the jobs.',
  });
  const keyPrefix = new TerraformVariable(scope, 'key_prefix', {
    type: 'string',
    default: '',
    description:
      'Same as JOBBENCH_GCP_KEY_PREFIX (e.g. "team-a/"): the jobs write under it and every lake grant is limited to <key_prefix>raw/, clean/, … .',
  });
  return { projectId, region, billingAccount, budgetAmount, budgetCurrency, alertEmail, image, teardown, keyPrefix };
}
