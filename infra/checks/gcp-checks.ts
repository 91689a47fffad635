/** GCP gap checks. Pure functions over a stack's Terraform JSON. */
import { addressOf, blocks, resourcesOf, type Finding, type GapCheck } from './tf-json.ts';

/** Every bucket is encrypted with a customer-managed key (`encryption.default_kms_key_name`). */
export const gcsBucketCmek: GapCheck = {
  id: 'JB_GCP_GCS_CMEK',
  description: 'Every Cloud Storage bucket sets encryption.default_kms_key_name (CMEK).',
  run(doc) {
    return resourcesOf(doc, 'google_storage_bucket').flatMap((bucket): Finding[] => {
      const key = blocks(bucket.body.encryption)[0]?.default_kms_key_name;
      if (typeof key === 'string' && key.trim() !== '') return [];
      return [
        {
          check: 'JB_GCP_GCS_CMEK',
          resource: addressOf(bucket),
          message: 'no encryption.default_kms_key_name: objects use Google-managed keys',
        },
      ];
    });
  },
};

export const GCP_GAP_CHECKS: readonly GapCheck[] = [gcsBucketCmek];
