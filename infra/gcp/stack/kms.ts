/**
 * The one customer-managed key of the stack: buckets and datasets are encrypted with it, and
 * the Cloud Storage and BigQuery service agents use it on the callers' behalf, so no service
 * account of jobbench needs a KMS permission
 * (https://cloud.google.com/storage/docs/encryption/customer-managed-keys, read 2026-12-05).
 */
import { DataGoogleBigqueryDefaultServiceAccount } from '@cdktf/provider-google/lib/data-google-bigquery-default-service-account/index.js';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account/index.js';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key/index.js';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member/index.js';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring/index.js';
import { type GcpStackBase, NAME } from './context.ts';

export interface GcpKey {
  key: KmsCryptoKey;
  /** The service agents' use of the key: buckets and datasets must wait for it. */
  keyUsers: KmsCryptoKeyIamMember[];
}

export function addKmsKey(base: GcpStackBase): GcpKey {
  const { scope, project, location, services } = base;
  const keyRing = new KmsKeyRing(scope, 'key_ring', { name: NAME, location, dependsOn: services });
  const key = new KmsCryptoKey(scope, 'data_key', {
    name: `${NAME}-data`,
    keyRing: keyRing.id,
    purpose: 'ENCRYPT_DECRYPT',
    rotationPeriod: '7776000s',
    // Key material cannot be deleted in GCP anyway (destroy only disables versions); this
    // makes a careless `terraform destroy` stop before the data becomes unreadable.
    lifecycle: { preventDestroy: true },
  });
  const gcsAgent = new DataGoogleStorageProjectServiceAccount(scope, 'gcs_agent', { project });
  const bigqueryAgent = new DataGoogleBigqueryDefaultServiceAccount(scope, 'bigquery_agent', { project });
  const keyUsers = [
    new KmsCryptoKeyIamMember(scope, 'key_user_gcs', {
      cryptoKeyId: key.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:${gcsAgent.emailAddress}`,
    }),
    new KmsCryptoKeyIamMember(scope, 'key_user_bigquery', {
      cryptoKeyId: key.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:${bigqueryAgent.email}`,
    }),
  ];
  return { key, keyUsers };
}
