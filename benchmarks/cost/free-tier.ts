/**
 * Free allowances per account regime, each with its source. Only allowances read from
 * a source on 2026-11-28 are applied (`verified: true`); the others are listed so the
 * note can say what was left out and why, and a user can check them.
 */

export type FreeTierRegime =
  | 'none'
  | 'aws-legacy'
  | 'aws-credits'
  | 'gcp-always-free'
  | 'azure-always-free'
  | 'azure-12-months';
export const FREE_TIER_REGIMES: readonly FreeTierRegime[] = [
  'none',
  'aws-legacy',
  'aws-credits',
  'gcp-always-free',
  'azure-always-free',
  'azure-12-months',
];

/**
 * `aws-legacy,azure-12-months` → { aws: 'aws-legacy', azure: 'azure-12-months' }: each
 * regime names its provider before the first dash. Throws on an unknown regime.
 */
export function parseFreeTierRegimes(value: string): Partial<Record<string, FreeTierRegime>> {
  const out: Partial<Record<string, FreeTierRegime>> = {};
  for (const name of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(FREE_TIER_REGIMES as readonly string[]).includes(name) || name === 'none') {
      throw new Error(
        `unknown free-tier regime "${name}" (known: ${FREE_TIER_REGIMES.filter((r) => r !== 'none').join(', ')})`,
      );
    }
    out[name.split('-')[0]!] = name as FreeTierRegime;
  }
  return out;
}

export interface FreeAllowance {
  /** Price item id it offsets. */
  item: string;
  /** Units per month (in the price item's unit). */
  perMonth: number;
  source: string;
  /** Read from the source (applied) or only reported. */
  verified: boolean;
  /** Condition worth knowing (e.g. "US regions only"). */
  condition?: string;
  /** Regions it applies in; undefined: every region. */
  regions?: readonly string[];
}

export interface RegimeInfo {
  regime: FreeTierRegime;
  describe: string;
  source: string | null;
  allowances: readonly FreeAllowance[];
}

const AWS_FREE = 'https://aws.amazon.com/free/';
const AWS_TRANSITION =
  'https://raw.githubusercontent.com/aws/agent-toolkit-for-aws/main/skills/core-skills/aws-billing-and-cost-management/references/free-tier.md';
const S3_FAQ = 'https://aws.amazon.com/s3/faqs/';
const S3_PRICING = 'https://aws.amazon.com/s3/pricing/';
const GCS_PRICING = 'https://cloud.google.com/storage/pricing#cloud-storage-always-free';
const BQ_PRICING = 'https://cloud.google.com/bigquery/pricing';
const AZURE_FREE = 'https://azure.microsoft.com/free/';

// The first 100 GB a month of data transfer out to the internet are free for every AWS account.
const AWS_EGRESS: FreeAllowance = {
  item: 's3.egress',
  perMonth: 100,
  source: S3_PRICING,
  verified: true,
  condition: 'aggregated across AWS services and regions',
};
// Read 2026-12-04 as worded on an AWS bill (hylang/hy files/7528529/billing.pdf): "First 5GB per month of log data ingested is free."
const AWS_LOGS: FreeAllowance = {
  item: 'cloudwatch.logs-ingestion',
  perMonth: 5,
  source: 'https://aws.amazon.com/cloudwatch/pricing/',
  verified: true,
  condition: 'every account; wording read on an AWS bill, not on the pricing page',
};
// Read 2026-12-04 in public notes quoting Google's pricing pages (docs/pricing.md lists them).
const GCP_SECRETS: FreeAllowance = {
  item: 'secretmanager.secret-version',
  perMonth: 6,
  source: 'https://cloud.google.com/secret-manager/pricing',
  verified: true,
  condition: 'active secret versions per billing account',
};
const GCP_SCHEDULER: FreeAllowance = {
  item: 'scheduler.job',
  perMonth: 3,
  source: 'https://cloud.google.com/scheduler/pricing',
  verified: true,
  condition: 'jobs per billing account',
};
const GCP_LOGGING: FreeAllowance = {
  item: 'logging.ingestion',
  perMonth: 50,
  source: 'https://cloud.google.com/stackdriver/pricing',
  verified: true,
  condition: 'GiB per project',
};

export const REGIMES: Readonly<Record<FreeTierRegime, RegimeInfo>> = {
  none: { regime: 'none', describe: 'no free allowance applied', source: null, allowances: [] },
  'aws-legacy': {
    regime: 'aws-legacy',
    describe: 'AWS account created before 15 July 2025: 12-month free tier (time-based) plus always-free offers',
    source: AWS_TRANSITION,
    allowances: [
      // S3 FAQ: new customers receive 5 GB of S3 Standard storage, 20,000 GET and 2,000 PUT requests per month for one year.
      { item: 's3.storage', perMonth: 5, source: S3_FAQ, verified: true, condition: 'first 12 months' },
      { item: 's3.get-request', perMonth: 20_000, source: S3_FAQ, verified: true, condition: 'first 12 months' },
      {
        item: 's3.put-request',
        perMonth: 2_000,
        source: S3_FAQ,
        verified: true,
        condition: 'first 12 months; PUT/COPY/POST/LIST share it',
      },
      {
        item: 'rds.instance',
        perMonth: 750,
        source: AWS_FREE,
        verified: false,
        condition: 'micro single-AZ instance, first 12 months (not re-read)',
      },
      {
        item: 'rds.storage',
        perMonth: 20,
        source: AWS_FREE,
        verified: false,
        condition: 'first 12 months (not re-read)',
      },
      AWS_EGRESS,
      AWS_LOGS,
    ],
  },
  'aws-credits': {
    regime: 'aws-credits',
    describe:
      'AWS account created on or after 15 July 2025: credit-based free tier ($200 of credits for 6 months) instead of per-service 12-month allowances; credits are not subtracted here',
    source: AWS_TRANSITION,
    allowances: [AWS_EGRESS, AWS_LOGS],
  },
  'gcp-always-free': {
    regime: 'gcp-always-free',
    describe: 'Google Cloud always-free usage limits (every account)',
    source: GCS_PRICING,
    allowances: [
      {
        item: 'gcs.storage',
        perMonth: 5,
        source: GCS_PRICING,
        verified: false,
        condition: 'Standard storage in us-east1, us-west1 or us-central1 only (not re-read)',
        regions: ['us-east1', 'us-west1', 'us-central1'],
      },
      // BigQuery pricing: "The first 1 TiB of query data processed per month is free."
      {
        item: 'bigquery.analysis',
        perMonth: 1,
        source: BQ_PRICING,
        verified: true,
        condition: 'on-demand queries, per billing account',
      },
      // Read 2026-12-04 in a public SKU table: "Active Logical Storage, US | 0.02 / GiB-month after 10 GiB free".
      {
        item: 'bigquery.active-storage',
        perMonth: 10,
        source: BQ_PRICING,
        verified: true,
        condition: '10 GiB of storage a month, per billing account',
      },
      GCP_SECRETS,
      GCP_SCHEDULER,
      GCP_LOGGING,
    ],
  },
  'azure-always-free': {
    regime: 'azure-always-free',
    describe:
      'Azure without the 12-month free account offer: the always-free allowances every account has (on the price items)',
    source: AZURE_FREE,
    allowances: [],
  },
  'azure-12-months': {
    regime: 'azure-12-months',
    describe:
      'Azure free account: popular services free for 12 months (plus a first-month credit, not subtracted here)',
    source: AZURE_FREE,
    allowances: [
      // Documented for the MySQL flexible server free offer (750 h B1MS, 32 GB); the PostgreSQL page was not re-read.
      {
        item: 'postgres.compute',
        perMonth: 750,
        source: AZURE_FREE,
        verified: false,
        condition: 'Burstable B1MS, first 12 months (not re-read for PostgreSQL)',
      },
      {
        item: 'postgres.storage',
        perMonth: 32,
        source: AZURE_FREE,
        verified: false,
        condition: 'first 12 months (not re-read for PostgreSQL)',
      },
      {
        item: 'blob.storage',
        perMonth: 5,
        source: AZURE_FREE,
        verified: false,
        condition: 'LRS hot, first 12 months (not re-read)',
      },
    ],
  },
};

/** The allowance of `item` applied in `regime` and `region`, or null. */
export function appliedAllowance(regime: FreeTierRegime, item: string, region: string): FreeAllowance | null {
  const found = REGIMES[regime].allowances.find((a) => a.item === item);
  if (!found?.verified) return null;
  if (found.regions && !found.regions.includes(region)) return null;
  return found;
}

/** Allowances of the regime that were not applied because they are unverified. */
export function unverifiedAllowances(regime: FreeTierRegime): FreeAllowance[] {
  return REGIMES[regime].allowances.filter((a) => !a.verified);
}

/**
 * The regime assumed for a price table when the user names none (keyed by the table's
 * `provider` field: free tiers are a property of the vendor's account, which the table
 * describes). Chosen the same way on every cloud: the allowances every account keeps
 * for good (always-free), never an offer that expires — AWS's 12-month tier
 * (`aws-legacy`) and Azure's (`azure-12-months`) are opt-in, and AWS credits are not
 * subtracted.
 */
export const DEFAULT_REGIMES: Readonly<Record<string, FreeTierRegime>> = {
  aws: 'aws-credits',
  gcp: 'gcp-always-free',
  azure: 'azure-always-free',
};
