/**
 * AWS gap checks: guarantees checkov does not verify (or verifies only per resource)
 * that jobbench relies on. Pure functions over a stack's Terraform JSON.
 */
import {
  addressOf,
  blocks,
  dataOf,
  isLiteral,
  referencedNames,
  references,
  resourcesOf,
  type Finding,
  type GapCheck,
  type TfBody,
  type TfJson,
} from './tf-json.ts';

const PUBLIC_ACCESS_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

/** The account-wide S3 Block Public Access, so no bucket of the account can become public later. */
export const s3AccountPublicAccessBlock: GapCheck = {
  id: 'JB_AWS_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK',
  description: 'A stack with S3 buckets also blocks public access at the account level (all four settings).',
  run(doc) {
    if (resourcesOf(doc, 'aws_s3_bucket').length === 0) return [];
    const blocksFound = resourcesOf(doc, 'aws_s3_account_public_access_block');
    const complete = blocksFound.find((b) => PUBLIC_ACCESS_FLAGS.every((flag) => b.body[flag] === true));
    if (complete !== undefined) return [];
    return [
      {
        check: 'JB_AWS_S3_ACCOUNT_PUBLIC_ACCESS_BLOCK',
        resource: blocksFound[0] === undefined ? 'aws_s3_account_public_access_block' : addressOf(blocksFound[0]),
        message:
          blocksFound.length === 0
            ? 'no aws_s3_account_public_access_block: a later bucket policy or ACL could make a bucket public'
            : `aws_s3_account_public_access_block must set ${PUBLIC_ACCESS_FLAGS.join(', ')} to true`,
      },
    ];
  },
};

/** Every bucket refuses plain HTTP: a bucket policy Deny when aws:SecureTransport is false. */
export const s3TlsOnlyBucketPolicy: GapCheck = {
  id: 'JB_AWS_S3_TLS_ONLY',
  description: 'Every S3 bucket has a bucket policy denying requests where aws:SecureTransport is false.',
  run(doc) {
    const policies = resourcesOf(doc, 'aws_s3_bucket_policy');
    return resourcesOf(doc, 'aws_s3_bucket').flatMap((bucket): Finding[] => {
      const own = policies.filter((p) => references(p.body.bucket, 'aws_s3_bucket', bucket.name));
      if (own.some((p) => policyDeniesInsecureTransport(doc, p.body.policy))) return [];
      return [
        {
          check: 'JB_AWS_S3_TLS_ONLY',
          resource: addressOf(bucket),
          message:
            own.length === 0
              ? 'no aws_s3_bucket_policy for this bucket, so plain HTTP requests are not refused'
              : 'the bucket policy has no Deny statement on aws:SecureTransport = false',
        },
      ];
    });
  },
};

/** Whether a policy (JSON text, or a reference to a data.aws_iam_policy_document) denies non-TLS requests. */
export function policyDeniesInsecureTransport(doc: TfJson, policy: unknown): boolean {
  if (typeof policy !== 'string') return false;
  const documents = referencedNames(policy, 'aws_iam_policy_document', 'data');
  if (documents.length > 0) {
    const statements = dataOf(doc, 'aws_iam_policy_document')
      .filter((d) => documents.includes(d.name))
      .flatMap((d) => blocks(d.body.statement));
    return statements.some(documentStatementDenies);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    return false;
  }
  const statement = (parsed as { Statement?: unknown }).Statement;
  return (Array.isArray(statement) ? statement : [statement]).some(jsonStatementDenies);
}

function documentStatementDenies(statement: TfBody): boolean {
  if (statement.effect !== 'Deny') return false;
  const actions = Array.isArray(statement.actions) ? statement.actions : [];
  if (!actions.some((a) => a === 's3:*' || a === '*')) return false;
  return blocks(statement.condition).some(
    (c) =>
      (c.test === 'Bool' || c.test === 'BoolIfExists') &&
      c.variable === 'aws:SecureTransport' &&
      Array.isArray(c.values) &&
      c.values.map(String).includes('false'),
  );
}

function jsonStatementDenies(statement: unknown): boolean {
  if (typeof statement !== 'object' || statement === null) return false;
  const s = statement as { Effect?: unknown; Action?: unknown; Condition?: Record<string, Record<string, unknown>> };
  if (s.Effect !== 'Deny') return false;
  const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
  if (!actions.some((a) => a === 's3:*' || a === '*')) return false;
  return ['Bool', 'BoolIfExists'].some((test) => {
    const value = s.Condition?.[test]?.['aws:SecureTransport'];
    return (Array.isArray(value) ? value : [value]).map(String).includes('false');
  });
}

/** RDS PostgreSQL refuses unencrypted connections: `rds.force_ssl=1` in the instance's own parameter group. */
export const rdsForceSsl: GapCheck = {
  id: 'JB_AWS_RDS_FORCE_SSL',
  description: 'Every RDS PostgreSQL instance uses a parameter group of this stack that sets rds.force_ssl = 1.',
  run(doc) {
    const groups = resourcesOf(doc, 'aws_db_parameter_group');
    return resourcesOf(doc, 'aws_db_instance')
      .filter((db) => String(db.body.engine ?? '').includes('postgres'))
      .flatMap((db): Finding[] => {
        const name = db.body.parameter_group_name;
        if (name === undefined || isLiteral(name)) {
          return [
            {
              check: 'JB_AWS_RDS_FORCE_SSL',
              resource: addressOf(db),
              message: 'uses a default or external parameter group; rds.force_ssl cannot be verified',
            },
          ];
        }
        const attached = groups.filter((g) => references(name, 'aws_db_parameter_group', g.name));
        const forces = attached.some((g) =>
          blocks(g.body.parameter).some((p) => p.name === 'rds.force_ssl' && String(p.value) === '1'),
        );
        return forces
          ? []
          : [
              {
                check: 'JB_AWS_RDS_FORCE_SSL',
                resource: addressOf(db),
                message: 'its parameter group does not set rds.force_ssl = 1',
              },
            ];
      });
  },
};

export const AWS_GAP_CHECKS: readonly GapCheck[] = [s3AccountPublicAccessBlock, s3TlsOnlyBucketPolicy, rdsForceSsl];
