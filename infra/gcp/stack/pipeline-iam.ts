/**
 * The service account the operator impersonates for `jobbench run` and `jobbench results
 * pull` (`gcloud auth application-default login --impersonate-service-account …`): the lake
 * prefixes its code was recorded using, and the warehouse.
 */
import type { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role/index.js';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import { type GcpStackContext, NAME } from './context.ts';
import { grantLake, type LakeAccess } from './lake-access.ts';
import { addServiceAccount, memberOf } from './service-accounts.ts';
import { type GcpWarehouse, grantWarehouse } from './warehouse.ts';

/**
 * A whole run (every stage, the benchmark's scenarios under bench/, which it also cleans up),
 * its `--resume` (which reads the run's manifest back), and `jobbench results pull` (which
 * lists and reads what the runners published under results/).
 */
export const PIPELINE_LAKE_ACCESS: LakeAccess = {
  list: ['raw/', 'clean/', 'quarantine/', 'runs/', 'bench/', 'results/'],
  read: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/', 'results/'],
  write: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'],
  delete: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'],
};

export function addPipelineAccount(
  ctx: GcpStackContext,
  lake: StorageBucket,
  deleter: ProjectIamCustomRole,
  datasets: GcpWarehouse,
): ServiceAccount {
  const account = addServiceAccount(
    ctx,
    `${NAME}-pipeline`,
    'jobbench pipeline (lake objects, warehouse tables, query jobs)',
  );
  const member = memberOf(account);
  grantLake(ctx, lake, deleter, 'pipeline', member, PIPELINE_LAKE_ACCESS);
  grantWarehouse(ctx, 'pipeline', member, datasets);
  return account;
}
