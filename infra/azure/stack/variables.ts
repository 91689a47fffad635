/**
 * The Azure stack's Terraform input variables. What identifies the operator and the account
 * has no default on purpose (a plan that asks beats a stack that alerts nobody or trusts the
 * wrong address), and neither has the image: there is no sample image to fall back to.
 */
import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { DEFAULT_AZURE_REGION } from '../../../providers/azure/config.ts';

/** The stack's variables, by the role they play in the resources. */
export interface AzureVariables {
  /** `subscription_id`: where everything goes; also seeds the globally unique names. */
  subscriptionId: TerraformVariable;
  /** `region`: every resource (the provider's own default region). */
  region: TerraformVariable;
  /** `budget_amount`: monthly budget of the resource group. */
  budgetAmount: TerraformVariable;
  /** `alert_email`: receives budget alerts. */
  alertEmail: TerraformVariable;
  /** `allowed_cidr`: the operator's public address, admitted by the storage, Key Vault and PostgreSQL firewalls. */
  allowedCidr: TerraformVariable;
  /** `operator_principal_name`: the PostgreSQL Entra administrator, who runs `jobbench run` from outside. */
  operatorName: TerraformVariable;
  /** `operator_principal_type`: User, Group or ServicePrincipal. */
  operatorType: TerraformVariable;
  /** `jobbench_image`: the one image of the collector and the runner. */
  image: TerraformVariable;
}

/** Declares the variables on the stack (order kept: it is the order of `variable` in the JSON). */
export function addAzureVariables(scope: Construct): AzureVariables {
  const subscriptionId = new TerraformVariable(scope, 'subscription_id', {
    type: 'string',
    description: 'Azure subscription receiving the resources (azurerm 4.x requires it explicitly).',
  });
  const region = new TerraformVariable(scope, 'region', {
    type: 'string',
    default: DEFAULT_AZURE_REGION,
    description:
      'Azure region (France Central: close to the French job market, paired with France South for geo-backups).',
  });
  const budgetAmount = new TerraformVariable(scope, 'budget_amount', {
    type: 'number',
    default: 35,
    description:
      'Monthly budget of the resource group in the billing currency; alerts at 80 % actual and 100 % forecast. The standing stack costs about 24 a month in eastus and at least 26 in francecentral (the database, its private endpoint and DNS zone; docs/infrastructure.md), so 35 leaves room for runs.',
  });
  const alertEmail = new TerraformVariable(scope, 'alert_email', {
    type: 'string',
    description: 'Address receiving budget alerts.',
  });
  const allowedCidr = new TerraformVariable(scope, 'allowed_cidr', {
    type: 'string',
    description:
      'Public CIDR of the operator (e.g. 203.0.113.7/32) allowed through the storage, Key Vault and PostgreSQL firewalls. Private ranges are refused by Azure.',
  });
  const operatorName = new TerraformVariable(scope, 'operator_principal_name', {
    type: 'string',
    description:
      'Entra ID user principal name (or app display name) of whoever runs Terraform: PostgreSQL Entra administrator, holder of the pipeline role on the lake, and the one who sets the source keys in Key Vault.',
  });
  const operatorType = new TerraformVariable(scope, 'operator_principal_type', {
    type: 'string',
    default: 'User',
    description: 'User, Group or ServicePrincipal: the kind of principal running Terraform.',
  });
  const image = new TerraformVariable(scope, 'jobbench_image', {
    type: 'string',
    description:
      "The image `docker build` makes from this repository's Dockerfile, pushed to a registry the Container Apps jobs can pull from anonymously (e.g. ghcr.io/<owner>/jobbench:<tag>): the collector and the in-region runner both run it.",
  });
  return { subscriptionId, region, budgetAmount, alertEmail, allowedCidr, operatorName, operatorType, image };
}
