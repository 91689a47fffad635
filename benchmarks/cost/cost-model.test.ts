import assert from 'node:assert/strict';
import type { PriceTable } from '../../providers/core/index.ts';
import { OperationLog } from '../../providers/layers/operation-log.ts';
import { computeCost, HOURS_PER_MONTH } from './cost-model.ts';
import { estimateRunCost } from './estimate.ts';
import { freeTierFit, monthlyCost, projectMonthlyUsage } from './projection.ts';
import { usageFromLogs, type RunUsage } from './usage.ts';

const GIB = 1024 ** 3;

/** A made-up table with round prices, so every expected number is easy to check. */
function table(overrides: Partial<Record<string, number | null>> = {}): PriceTable {
  const price = (item: string, fallback: number | null) => (item in overrides ? overrides[item]! : fallback);
  return {
    provider: 'aws',
    region: 'eu-west-3',
    currency: 'USD',
    version: 'test',
    items: [
      {
        item: 's3.put-request',
        unit: 'request',
        unitPrice: price('s3.put-request', 0.005),
        per: 1000,
        priceSource: 'x',
        priceDate: '2026-11-28',
      },
      {
        item: 's3.get-request',
        unit: 'request',
        unitPrice: price('s3.get-request', 0.0004),
        per: 1000,
        priceSource: 'x',
        priceDate: '2026-11-28',
      },
      {
        item: 's3.list-request',
        unit: 'request',
        unitPrice: price('s3.list-request', 0.005),
        per: 1000,
        priceSource: 'x',
        priceDate: '2026-11-28',
      },
      {
        item: 's3.storage',
        unit: 'gb-month',
        unitPrice: price('s3.storage', 0.02),
        per: 1,
        priceSource: 'x',
        priceDate: '2026-11-28',
      },
      {
        item: 's3.egress',
        unit: 'gb-transferred',
        unitPrice: price('s3.egress', 0.1),
        per: 1,
        priceSource: 'x',
        priceDate: '2026-11-28',
      },
      {
        item: 'rds.instance',
        unit: 'instance-hour',
        unitPrice: price('rds.instance', 0.02),
        per: 1,
        priceSource: 'x',
        priceDate: '2026-11-28',
      },
    ],
  };
}

const USAGE: RunUsage = {
  writeRequests: 10_000,
  listRequests: 1_000,
  readRequests: 50_000,
  deleteRequests: 500,
  bytesRead: 2 * GIB,
  bytesWritten: GIB,
  lakeBytes: 73 * GIB,
  warehouseBytes: GIB,
  queries: 10,
  bytesScanned: 0,
  bytesScannedEstimated: true,
  runHours: 7.3, // a hundredth of a month
  postings: 1000,
};

describe('cost model', function () {
  it('multiplies metered usage by the price of each item', function () {
    const cost = computeCost(USAGE, table(), { regime: 'none' });
    const line = (item: string) => cost.breakdown.find((l) => l.item === item)!;
    assert.equal(line('s3.put-request').cost, 0.05); // 10,000 × 0.005 / 1000
    assert.equal(line('s3.get-request').cost, 0.02); // 50,000 × 0.0004 / 1000
    assert.equal(line('s3.list-request').cost, 0.005);
    assert.equal(line('s3.storage').usage, 0.73); // 73 GiB × 1/100 month
    assert.equal(line('s3.storage').cost, 0.0146);
    assert.equal(line('s3.egress').cost, 0.2);
    assert.equal(line('rds.instance').cost, 0.146);
    assert.equal(cost.total, 0.4356);
    assert.equal(cost.freeTierApplied, false);
    assert.equal(cost.priceTableVersion, 'test');
  });

  it('an unknown price makes the total null and names the item — never 0', function () {
    const cost = computeCost(USAGE, table({ 'rds.instance': null }), { regime: 'none' });
    assert.equal(cost.total, null);
    assert.deepEqual(cost.unknownItems, ['rds.instance']);
    assert.match(cost.note!, /no verified price for rds\.instance/);
    assert.equal(cost.breakdown.find((l) => l.item === 'rds.instance')!.cost, null);
  });

  it('applies verified free allowances pro rata for a run and whole for a month', function () {
    // aws-legacy: 2,000 PUT and 20,000 GET a month; 100 GB egress.
    const run = computeCost(USAGE, table(), { regime: 'aws-legacy' });
    const put = run.breakdown.find((l) => l.item === 's3.put-request')!;
    assert.equal(put.freeAllowance, 20); // 2,000 × 7.3/730
    assert.equal(put.cost, 0.0499);
    assert.equal(run.freeTierApplied, true);
    const month = computeCost({ ...USAGE, runHours: HOURS_PER_MONTH }, table(), {
      regime: 'aws-legacy',
      monthly: true,
    });
    assert.equal(month.breakdown.find((l) => l.item === 's3.egress')!.cost, 0); // 2 GiB < 100 GB free
    assert.match(month.note!, /not applied \(not verified\): rds\.instance/);
  });

  it('meters usage from operation logs: writes, reads, listings, egress', function () {
    const log = new OperationLog();
    log.record('store.put', 0, 1, 100, true);
    log.record('store.put', 1, 1, 50, true);
    log.record('store.get', 2, 1, 1000, true);
    log.record('store.head', 3, 1, 0, true);
    log.record('store.list', 4, 1, 0, true);
    log.record('store.delete', 5, 1, 0, true);
    log.record('warehouse.query.top_skills', 6, 1, 0, true);
    const usage = usageFromLogs({
      logs: [log],
      lakeBytes: 1,
      warehouseBytes: 20 * 1024 * 1024,
      runHours: 1,
      postings: 10,
    });
    assert.deepEqual([usage.writeRequests, usage.readRequests, usage.listRequests, usage.deleteRequests], [2, 2, 1, 1]);
    assert.equal(usage.bytesRead, 1000);
    assert.equal(usage.bytesWritten, 150);
    assert.equal(usage.bytesScanned, 20 * 1024 * 1024, 'one query scanning the whole table (estimate)');
    assert.equal(usage.bytesScannedEstimated, true);
  });

  it('projects a month at the collection volume', function () {
    const month = projectMonthlyUsage(USAGE, { postingsPerDay: 100, refreshesPerDay: 1, queriesPerRefresh: 10 });
    // 3,000 postings a month = 3× the run's 1,000.
    assert.equal(month.writeRequests, 30_000);
    assert.equal(month.runHours, HOURS_PER_MONTH);
    assert.equal(month.queries, 300);
    assert.equal(month.lakeBytes, (73 * GIB * 3) / 2);
    const cost = monthlyCost(USAGE, table(), { postingsPerDay: 100, regime: 'aws-legacy' });
    assert.ok(cost.total !== null && cost.totalAfterFreeTier !== null && cost.totalAfterFreeTier < cost.total);
  });

  it('free-tier fit is the share of billable lines inside verified allowances', function () {
    const lines = [
      { item: 's3.get-request', usage: 10_000 }, // under 20,000
      { item: 's3.put-request', usage: 5_000 }, // over 2,000
      { item: 'rds.instance', usage: 730 }, // allowance not verified
      { item: 's3.egress', usage: 0 }, // not billable
    ];
    assert.equal(freeTierFit(lines, table(), 'aws-legacy'), 0.333);
    assert.equal(freeTierFit(lines, table(), 'none'), 0);
    assert.equal(freeTierFit([], table(), 'none'), null);
  });

  it('estimates a run before anything is created, and says unknown when prices are', function () {
    const text = estimateRunCost({
      providers: [
        { name: 'aws', region: 'eu-west-3', prices: table() },
        { name: 'gcp', region: 'x', prices: { ...table({ 's3.storage': null }), provider: 'gcp' } },
        { name: 'local', region: 'local', prices: null },
      ],
      scale: 2000,
    });
    assert.match(text, /Estimated cost before anything is created/);
    assert.match(text, /aws/);
    assert.match(text, /unknown/);
    assert.match(text, /no price table/);
  });
  it("adds the stack's standing resources to the estimated month", function () {
    const platform = {
      cloud: 'aws' as const,
      source: 'test',
      leftOut: [],
      lines: [
        {
          item: 'rds.instance',
          quantity: 730,
          unit: 'instance-hour' as const,
          resource: 'aws_db_instance.main',
          basis: '730 h',
          assumed: false,
        },
      ],
    };
    const row = (text: string) => text.split('\n').find((l) => l.includes('│ aws'))!;
    const without = row(
      estimateRunCost({ providers: [{ name: 'aws', region: 'eu-west-3', prices: table() }], scale: 2000 }),
    );
    const withStack = row(
      estimateRunCost({ providers: [{ name: 'aws', region: 'eu-west-3', prices: table(), platform }], scale: 2000 }),
    );
    assert.match(withStack, /14\.6000 USD/, '730 h × 0.02 in the platform column');
    assert.notEqual(withStack, without);
  });
  it('usage wholly inside a free allowance costs 0 even when its price is unknown', function () {
    // aws-legacy gives 20,000 GETs a month; a whole month of 10,000 GETs fits.
    const month = computeCost(
      { ...USAGE, readRequests: 10_000, runHours: HOURS_PER_MONTH },
      table({ 's3.get-request': null }),
      { regime: 'aws-legacy', monthly: true },
    );
    assert.equal(month.breakdown.find((l) => l.item === 's3.get-request')!.cost, 0);
    assert.notEqual(month.total, null);
    // Over the allowance with no price: unknown, and the total with it.
    const over = computeCost(
      { ...USAGE, readRequests: 30_000, runHours: HOURS_PER_MONTH },
      table({ 's3.get-request': null }),
      { regime: 'aws-legacy', monthly: true },
    );
    assert.equal(over.total, null);
  });
  it("applies a price item's always-free allowance in every regime but none", function () {
    const t = table();
    const withFree: PriceTable = {
      ...t,
      items: t.items.map((i) => (i.item === 's3.list-request' ? { ...i, freeTierPerMonth: 1_000_000 } : i)),
    };
    const credits = computeCost(USAGE, withFree, { regime: 'aws-credits', monthly: true });
    assert.equal(credits.breakdown.find((l) => l.item === 's3.list-request')!.cost, 0);
    const none = computeCost(USAGE, withFree, { regime: 'none', monthly: true });
    assert.equal(none.breakdown.find((l) => l.item === 's3.list-request')!.cost, 0.005);
  });
  it('leaves platform items to the platform line and bills database storage as deployed', function () {
    const t = table();
    const withPlatform: PriceTable = {
      ...t,
      items: [
        ...t.items,
        { item: 'kms.key', unit: 'resource-month', unitPrice: 1, per: 1, priceSource: 'x', priceDate: '2026-12-04' },
        { item: 'rds.storage', unit: 'gb-month', unitPrice: 0.1, per: 1, priceSource: 'x', priceDate: '2026-12-04' },
      ],
    };
    const platformItems = new Set(['kms.key', 'rds.instance', 'rds.storage']);
    const run = computeCost(USAGE, withPlatform, { regime: 'none', platformItems, databaseStorageGb: 32 });
    assert.doesNotMatch(run.note!, /not metered: .*kms\.key/, 'a platform item is not "unmetered" in a run');
    const storage = run.breakdown.find((l) => l.item === 'rds.storage')!;
    assert.equal(storage.usage, 0.32, '32 GiB for a hundredth of a month');
    assert.equal(storage.estimated, false, 'the deployed size is known');
    assert.ok(
      run.breakdown.some((l) => l.item === 'rds.instance'),
      'the run still pays its share of the instance',
    );
    const month = computeCost(USAGE, withPlatform, { regime: 'none', platformItems, monthly: true });
    assert.deepEqual(
      month.breakdown.filter((l) => platformItems.has(l.item)),
      [],
      'a month leaves standing resources to the platform line',
    );
  });
});
