/**
 * The lake bucket and the bucket its usage logs go to: both private (uniform access, public
 * access prevention), versioned and encrypted with the stack's key.
 */
import { StorageBucket, type StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member/index.js';
import type { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member/index.js';
import { type GcpStackContext, NAME } from './context.ts';

export interface GcpBuckets {
  logs: StorageBucket;
  lake: StorageBucket;
}

export function addLakeBuckets(ctx: GcpStackContext, keyUsers: KmsCryptoKeyIamMember[]): GcpBuckets {
  const { scope, project, location, key, vars } = ctx;
  const bucket = (bucketId: string, extra: { logTo?: StorageBucket; lifecycle: StorageBucketLifecycleRule[] }) =>
    new StorageBucket(scope, `${bucketId}_bucket`, {
      name: `${project}-${NAME}-${bucketId.replace(/_/g, '-')}`,
      location,
      storageClass: 'STANDARD',
      forceDestroy: vars.teardown.booleanValue,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      encryption: { defaultKmsKeyName: key.id },
      lifecycleRule: extra.lifecycle,
      ...(extra.logTo === undefined ? {} : { logging: { logBucket: extra.logTo.name, logObjectPrefix: 'lake/' } }),
      dependsOn: keyUsers,
    });
  const expireOldVersions: StorageBucketLifecycleRule = {
    action: { type: 'Delete' },
    condition: { daysSinceNoncurrentTime: 30, withState: 'ARCHIVED' },
  };
  const logs = bucket('access_logs', {
    lifecycle: [{ action: { type: 'Delete' }, condition: { age: 365 } }, expireOldVersions],
  });
  // Usage logs are written by this Google group: https://cloud.google.com/storage/docs/access-logs#delivery
  new StorageBucketIamMember(scope, 'access_logs_writer', {
    bucket: logs.name,
    role: 'roles/storage.objectCreator',
    member: 'group:cloud-storage-analytics@google.com',
  });
  const lake = bucket('lake', {
    logTo: logs,
    lifecycle: [
      // Raw payloads stay for audit and replays but are rarely read after the first month.
      {
        action: { type: 'SetStorageClass', storageClass: 'NEARLINE' },
        condition: { age: 30, matchesPrefix: ['raw/'], matchesStorageClass: ['STANDARD'] },
      },
      {
        action: { type: 'SetStorageClass', storageClass: 'COLDLINE' },
        condition: { age: 180, matchesPrefix: ['raw/'], matchesStorageClass: ['NEARLINE'] },
      },
      expireOldVersions,
    ],
  });
  return { logs, lake };
}
