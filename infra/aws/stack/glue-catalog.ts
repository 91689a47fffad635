/**
 * Glue table over clean/ NDJSON so Athena can query the lake without loading it, and
 * the Athena workgroup that encrypts and caps those queries.
 */
import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup/index.js';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database/index.js';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { NAME, type AwsStackContext } from './context.ts';

/** Hive types of the canonical posting (providers/core/posting.ts), for the Glue table over clean/. */
const POSTING_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['id', 'string'],
  ['source', 'string'],
  ['sourceid', 'string'],
  ['url', 'string'],
  ['title', 'string'],
  ['company', 'string'],
  ['description', 'string'],
  [
    'location',
    'struct<raw:string,city:string,postalcode:string,departement:string,region:string,country:string,lat:double,lon:double>',
  ],
  ['contracttype', 'string'],
  ['workingtime', 'string'],
  ['remote', 'string'],
  ['seniority', 'string'],
  ['salary', 'struct<mineuryear:double,maxeuryear:double,predicted:boolean,raw:string>'],
  ['skills', 'array<string>'],
  ['postedat', 'string'],
  ['collectedat', 'string'],
  ['rawkey', 'string'],
  ['duplicates', 'array<struct<source:string,sourceid:string,url:string>>'],
];

/** Names of the catalog objects, for the stack outputs. */
export interface GlueCatalog {
  database: string;
  table: string;
  workgroup: string;
}

/** Glue table over clean/ NDJSON so Athena can query the lake without loading it. */
export function addGlueCatalog(ctx: AwsStackContext, lake: S3Bucket): GlueCatalog {
  const { scope } = ctx;
  const database = new GlueCatalogDatabase(scope, 'glue_database', {
    name: `${NAME}_lake`,
    description: 'jobbench data lake (clean/ canonical postings)',
  });
  const table = new GlueCatalogTable(scope, 'glue_clean_postings', {
    name: 'clean_postings',
    databaseName: database.name,
    tableType: 'EXTERNAL_TABLE',
    description: 'Canonical postings, NDJSON under clean/dt=YYYY-MM-DD/run=ID/ (run MSCK REPAIR TABLE after new runs)',
    parameters: { classification: 'json', EXTERNAL: 'TRUE', compressionType: 'none' },
    partitionKeys: [
      { name: 'dt', type: 'string', comment: 'collection date, YYYY-MM-DD' },
      { name: 'run', type: 'string', comment: 'pipeline run id' },
    ],
    storageDescriptor: {
      location: `s3://${lake.bucket}/clean/`,
      inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      serDeInfo: {
        name: 'ndjson',
        serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
        // The OpenX SerDe matches keys case-insensitively (sourceId ↔ sourceid) and tolerates bad lines.
        parameters: { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' },
      },
      columns: POSTING_COLUMNS.map(([name, type]) => ({ name, type })),
    },
  });
  const workgroup = new AthenaWorkgroup(scope, 'athena_workgroup', {
    name: NAME,
    description: 'Queries over the jobbench lake; results encrypted with the jobbench key',
    forceDestroy: ctx.vars.teardown.booleanValue,
    configuration: {
      enforceWorkgroupConfiguration: true,
      publishCloudwatchMetricsEnabled: true,
      // Caps a runaway query at 1 GB scanned (Athena bills 5 USD per TB scanned).
      bytesScannedCutoffPerQuery: 1_073_741_824,
      resultConfiguration: {
        outputLocation: `s3://${lake.bucket}/athena-results/`,
        encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: ctx.key.arn },
      },
    },
  });
  return { database: database.name, table: table.name, workgroup: workgroup.name };
}
