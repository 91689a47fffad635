/**
 * What every part of the AWS stack shares: the stack as construct scope, its variables,
 * the provider, the account and partition look-ups, and helpers for ARNs and IAM policy
 * documents. All parts create their constructs directly on the stack with the ids the
 * single-file stack used, so logical ids (and thus deployed state) never move.
 */
import type { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { AwsVariables } from './variables.ts';

/** Name (and name prefix) of every named resource. */
export const NAME = 'jobbench';

/** One statement of an IAM policy document. */
export type Statement = DataAwsIamPolicyDocumentStatement;

/** The stack before its KMS key exists. */
export interface AwsStackBase {
  /** The stack: every construct of every part is created directly on it. */
  scope: Construct;
  vars: AwsVariables;
  account: DataAwsCallerIdentity;
  partition: DataAwsPartition;
  /** `arn:<partition>:<service>:<region>:<account>:<resource>`; region empty for global services. */
  arn(service: string, resource: string, region?: string): string;
  /** An IAM policy document data source with construct id `id`. */
  policy(id: string, statements: Statement[]): DataAwsIamPolicyDocument;
}

/** What the parts after the key receive. */
export interface AwsStackContext extends AwsStackBase {
  /** The one customer-managed key (see kms.ts). */
  key: KmsKey;
}

/** Adds the provider and the account/partition look-ups, and returns the shared helpers. */
export function addAwsStackBase(scope: Construct, vars: AwsVariables): AwsStackBase {
  new AwsProvider(scope, 'aws', {
    region: vars.region.stringValue,
    // Tags every resource that supports tags, including ones added later.
    defaultTags: [{ tags: { project: NAME } }],
  });
  const account = new DataAwsCallerIdentity(scope, 'current');
  const partition = new DataAwsPartition(scope, 'partition');
  return {
    scope,
    vars,
    account,
    partition,
    arn: (service, resource, region = '') =>
      `arn:${partition.partition}:${service}:${region}:${account.accountId}:${resource}`,
    policy: (id, statements) => new DataAwsIamPolicyDocument(scope, id, { statement: statements }),
  };
}
