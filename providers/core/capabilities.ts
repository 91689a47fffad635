/**
 * What a provider can do, as data (OpenDAL, dlt): tests and benchmarks branch on these
 * fields, never on `provider.name`.
 */
export interface ObjectStoreCapabilities {
  /** Large objects are uploaded in parts (S3 multipart, GCS resumable, Blob blocks). */
  multipartUpload: boolean;
  /** Largest single object the backend accepts, in bytes (null: bounded by disk). */
  maxObjectBytes: number | null;
  /** Objects are encrypted at rest by the service. */
  encryptionAtRest: boolean;
}

export interface WarehouseCapabilities {
  /** SQL dialect of the analytic queries. */
  dialect: 'postgres' | 'bigquery';
  /** How bulk loads reach the tables. */
  bulkLoad: 'copy' | 'load-job' | 'insert';
  /** Loads run inside a transaction, so a failed load leaves no partial rows. */
  transactionalLoad: boolean;
}

export interface Capabilities {
  objectStore: ObjectStoreCapabilities;
  warehouse: WarehouseCapabilities;
}
