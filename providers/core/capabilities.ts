/**
 * What a provider can do, as data (OpenDAL, dlt): benchmarks branch on these fields, never
 * on `provider.name`. A field is here only while something reads it.
 */
export interface ObjectStoreCapabilities {
  /** Large objects are uploaded in parts (S3 multipart, GCS resumable, Blob blocks). */
  multipartUpload: boolean;
}

export interface WarehouseCapabilities {
  /** How bulk loads reach the tables (named in the bulk-load scenario's note). */
  bulkLoad: 'copy' | 'load-job';
}

export interface Capabilities {
  objectStore: ObjectStoreCapabilities;
  warehouse: WarehouseCapabilities;
}
