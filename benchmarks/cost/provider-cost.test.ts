import assert from 'node:assert/strict';
import type { PriceItem, PriceTable, WarehouseBilling } from '../../providers/core/index.ts';
import type { PlatformInventory } from '../../providers/core/platform-inventory.ts';
import { OperationLog } from '../../providers/layers/operation-log.ts';
import { deployedDatabaseGb, providerCost } from './provider-cost.ts';

const price = (item: string, unit: PriceItem['unit'], unitPrice: number, per = 1): PriceItem => ({
  item,
  unit,
  unitPrice,
  per,
  priceSource: 'https://example.test/prices',
  priceDate: '2026-12-04',
});
const TABLE: PriceTable = {
  provider: 'gcp',
  region: 'test-region',
  currency: 'USD',
  version: 'test',
  items: [
    price('gcs.class-a-operation', 'request', 0.005, 1000),
    price('gcs.class-b-operation', 'request', 0.0004, 1000),
    price('gcs.storage', 'gb-month', 0.02),
    price('gcs.egress', 'gb-transferred', 0.12),
    price('bigquery.analysis', 'tb-scanned', 6.25),
    price('kms.key-version', 'resource-month', 0.06),
    price('pg.storage', 'gb-month', 0.1),
  ],
};
const INVENTORY: PlatformInventory = {
  cloud: 'gcp',
  source: 'test inventory',
  leftOut: [],
  lines: [
    {
      item: 'kms.key-version',
      quantity: 1,
      unit: 'resource-month',
      resource: 'google_kms_crypto_key.lake',
      basis: '1 key',
      assumed: false,
    },
    {
      item: 'pg.storage',
      quantity: 32,
      unit: 'gb-month',
      resource: 'db.main',
      basis: 'storage = 32 GiB',
      assumed: false,
    },
  ],
};
const BILLING: WarehouseBilling = {
  source: 'bigquery-job-statistics',
  queryJobs: 4,
  bytesProcessed: 3 * 2 ** 30,
  bytesBilled: 4 * 2 ** 30,
  cacheHits: 0,
  jobsWithoutStatistics: 0,
  statementTypes: { SELECT: 3, MERGE: 1 },
  analytic: { queryJobs: 3, bytesBilled: 30 * 2 ** 20, jobsWithoutStatistics: 0 },
  loadJobs: 1,
  loadInputBytes: 10,
  loadOutputBytes: 10,
  loadJobsWithoutStatistics: 0,
};

function logs() {
  const pipelineLog = new OperationLog();
  pipelineLog.record('store.put', 0, 1, 1000, true);
  const benchLog = new OperationLog();
  benchLog.record('warehouse.query.top_skills', 0, 1, 0, true);
  benchLog.record('warehouse.query.posting_count', 1, 1, 0, true);
  return { pipelineLog, benchLog };
}

describe('providerCost', function () {
  const inputs = {
    table: TABLE,
    platform: INVENTORY,
    ...logs(),
    activeMs: 3_600_000,
    lakeBytes: 2 ** 30,
    warehouseBytes: 2 ** 20,
    postings: 100,
    postingsPerDay: 100,
    regime: 'none' as const,
  };

  it('bills BigQuery analysis from job statistics, not an estimate', function () {
    const cost = providerCost({ ...inputs, billing: BILLING });
    const analysis = cost.breakdown.find((l) => l.item === 'bigquery.analysis')!;
    assert.equal(analysis.estimated, false);
    assert.equal(analysis.usage, 0.003906, '4 GiB = 1/256 TiB');
    assert.match(analysis.usageSource!, /totalBytesBilled summed over 4 query jobs/);
    // A job without statistics makes the figure partial: back to the labelled estimate.
    const partial = providerCost({ ...inputs, billing: { ...BILLING, jobsWithoutStatistics: 1 } });
    assert.equal(partial.breakdown.find((l) => l.item === 'bigquery.analysis')!.estimated, true);
  });

  it("projects dashboard queries at what the analytic queries were billed, not the loads' jobs", function () {
    // 3 analytic queries billed 10 MiB each; the run's 4 GiB total is mostly a MERGE.
    const cost = providerCost({ ...inputs, billing: BILLING });
    const month = cost.monthly!.breakdown.find((l) => l.item === 'bigquery.analysis')!;
    // 24 refreshes × 11 queries × 30 days at 10 MiB, scaled by the table's growth (×30) and halved.
    const perQuery = 10 * 2 ** 20 * 30 * 0.5;
    assert.equal(month.usage, Math.round(((24 * 11 * 30 * perQuery) / 2 ** 40) * 1e6) / 1e6);
    const withoutAnalytic = providerCost({
      ...inputs,
      billing: { ...BILLING, analytic: { queryJobs: 3, bytesBilled: 0, jobsWithoutStatistics: 3 } },
    });
    // Unmeasured analytic queries: back to the estimate, half the month-end table (1 MiB × 30 / 2)
    // per query, at least 10 MB.
    const estimate = withoutAnalytic.monthly!.breakdown.find((l) => l.item === 'bigquery.analysis')!.usage;
    assert.notEqual(estimate, month.usage);
    assert.equal(
      estimate,
      Math.round(((24 * 11 * 30 * Math.max(10 * 2 ** 20, (2 ** 20 * 30) / 2)) / 2 ** 40) * 1e6) / 1e6,
    );
  });

  it("projects the month's own loads from the pipeline's jobs: measured when billed, else the labelled estimate", function () {
    const month = (pipelineBilling: WarehouseBilling | null) =>
      providerCost({ ...inputs, billing: BILLING, pipelineBilling }).monthly!;
    const analysis = (m: ReturnType<typeof month>) => m.breakdown.find((l) => l.item === 'bigquery.analysis')!.usage;
    const withoutLoads = analysis(month(null));
    // The pipeline ran 2 query jobs (a classify and a MERGE) billed 64 MiB together, no analytic query.
    const PIPELINE: WarehouseBilling = {
      ...BILLING,
      queryJobs: 2,
      bytesBilled: 64 * 2 ** 20,
      statementTypes: { SELECT: 1, SCRIPT: 1 },
      analytic: { queryJobs: 0, bytesBilled: 0, jobsWithoutStatistics: 0 },
    };
    // 30 daily runs of the same size (per = 30), each scanning tables half the month-end size (× per / 2).
    const loads = 64 * 2 ** 20 * 30 * (30 / 2);
    assert.equal(
      Math.round((analysis(month(PIPELINE)) - withoutLoads) * 1e6) / 1e6,
      Math.round((loads / 2 ** 40) * 1e6) / 1e6,
    );
    assert.match(month(PIPELINE).note ?? '', /the month's loads/);
    // A pipeline job without statistics: every one of the month's 60 jobs scans the average table, at least 10 MB.
    const estimated = analysis(month({ ...PIPELINE, jobsWithoutStatistics: 1 }));
    const estimate = 2 * 30 * Math.max(10 * 2 ** 20, (2 ** 20 * 30) / 2);
    assert.equal(Math.round((estimated - withoutLoads) * 1e6) / 1e6, Math.round((estimate / 2 ** 40) * 1e6) / 1e6);
    // Only analytic jobs in the pipeline's snapshot (or a warehouse that bills no jobs): nothing added.
    assert.equal(analysis(month({ ...PIPELINE, queryJobs: 0 })), withoutLoads);
  });

  it('adds the platform line to the month and bills the deployed database size', function () {
    const cost = providerCost({ ...inputs, billing: BILLING });
    assert.equal(cost.platform!.monthly, 3.26, '1 key × 0.06 + 32 GiB × 0.10');
    assert.equal(cost.billedHours, 1);
    const month = cost.monthly!;
    assert.deepEqual(
      month.breakdown.filter((l) => l.item === 'pg.storage' || l.item === 'kms.key-version'),
      [],
      'standing resources only in the platform line',
    );
    const workload = month.breakdown.reduce((n, l) => n + (l.cost ?? 0), 0);
    assert.equal(Math.round((month.total! - workload) * 1e6) / 1e6, 3.26, 'the platform line is in the month once');
    assert.equal(
      cost.breakdown.find((l) => l.item === 'pg.storage')!.usage,
      Math.round((32 / 730) * 1e6) / 1e6,
      'the run pays an hour of 32 GiB',
    );
    assert.equal(deployedDatabaseGb(INVENTORY), 32);
    // With a free key version a month: the month before free tier keeps it, after free tier does not.
    const freeKey: PriceTable = {
      ...TABLE,
      items: TABLE.items.map((i) => (i.item === 'kms.key-version' ? { ...i, freeTierPerMonth: 6 } : i)),
    };
    const free = providerCost({ ...inputs, table: freeKey, regime: 'azure-always-free', billing: BILLING });
    assert.equal(free.platform!.monthly, 3.2, 'the stored line is after the allowances');
    const gross = free.monthly!.breakdown.reduce((n, l) => n + (l.cost ?? 0), 0);
    assert.equal(Math.round((free.monthly!.totalAfterFreeTier! - gross) * 1e6) / 1e6, 3.2);
    assert.ok(free.monthly!.total! > free.monthly!.totalAfterFreeTier!, 'before free tier the key version is paid');
    assert.equal(deployedDatabaseGb(null), undefined);
  });
});
