/**
 * The pipeline's role: its lake prefixes, the key that encrypts them, and one database
 * user it signs in as with an IAM token.
 */
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { NAME, type AwsStackContext, type Statement } from './context.ts';
import { type LakeAccess, lakeStatements } from './lake-access.ts';

/**
 * What `jobbench run` does in the lake (docs/lake-and-warehouse.md "Lake layout"): the pipeline, the
 * sources' cursors and quotas in `state/`, the benchmark's scenario objects under `bench/`, a
 * resumed run's manifest, a rerun's copy of an earlier run's clean output (its manifest, clean chunks and
 * quarantine objects, docs/pipeline.md), and `jobbench results pull` of what the runner published under `results/`;
 * recorded on the emulators by infra/checks/permissions.test.ts.
 */
export const AWS_PIPELINE_ACCESS: LakeAccess = {
  list: ['raw/', 'clean/', 'quarantine/', 'runs/', 'bench/', 'results/'],
  read: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/', 'results/'],
  write: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'],
  delete: ['raw/', 'clean/', 'quarantine/', 'runs/', 'bench/'],
};
/** PostgreSQL role the pipeline signs in as with an IAM token (`GRANT rds_iam TO …`). */
export const AWS_DB_IAM_USER = 'jobbench_pipeline';

/** The pipeline's role: its lake prefixes, the key that encrypts them, and one database user. */
export function addPipelineRole(ctx: AwsStackContext, lake: S3Bucket, db: DbInstance): IamRole {
  const { scope } = ctx;
  const role = new IamRole(scope, 'pipeline_role', {
    name: `${NAME}-pipeline`,
    description: 'Assumed by whoever runs jobbench run --provider aws in this account',
    maxSessionDuration: 3600,
    assumeRolePolicy: ctx.policy('pipeline_trust', [
      {
        // Principals of this account that are themselves allowed sts:AssumeRole on it (IAM users, SSO roles).
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: [ctx.arn('iam', 'root')] }],
      },
    ]).json,
  });
  const statements: Statement[] = [
    ...lakeStatements(ctx, lake, ctx.vars.keyPrefix.stringValue, AWS_PIPELINE_ACCESS),
    {
      sid: 'ConnectAsPipelineUser',
      actions: ['rds-db:connect'],
      resources: [ctx.arn('rds-db', `dbuser:${db.resourceId}/${AWS_DB_IAM_USER}`, ctx.vars.region.stringValue)],
    },
  ];
  new IamRolePolicy(scope, 'pipeline_policy', {
    name: `${NAME}-pipeline`,
    role: role.id,
    policy: ctx.policy('pipeline_policy_document', statements).json,
  });
  return role;
}
