import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { PlatformInventory, PlatformLine } from '../../providers/core/platform-inventory.ts';
import type { PriceTable } from '../../providers/core/index.ts';
import { loadProvider } from '../../providers/registry.ts';
import { costSchema } from '../../results/schema.ts';
import { platformCost } from './platform-cost.ts';

const platformSchema = costSchema.shape.platform.unwrap().unwrap();

const line = (
  item: string,
  quantity: number,
  unit: PlatformLine['unit'],
  resource: string,
  assumed = false,
): PlatformLine => ({
  item,
  quantity,
  unit,
  resource,
  basis: assumed ? `assumed ${quantity}` : `read ${quantity}`,
  assumed,
});

const INVENTORY: PlatformInventory = {
  cloud: 'aws',
  source: 'providers/aws/platform-inventory.json (infra synth)',
  lines: [
    line('rds.instance', 730, 'instance-hour', 'aws_db_instance.db'),
    line('rds.storage', 20, 'gb-month', 'aws_db_instance.db'),
    line('cloudwatch.alarm', 1, 'resource-month', 'aws_cloudwatch_metric_alarm.a'),
    line('cloudwatch.alarm', 1, 'resource-month', 'aws_cloudwatch_metric_alarm.b'),
    line('cloudwatch.logs-ingestion', 1, 'gb-ingested', 'aws_cloudwatch_log_group.trail', true),
    line('cloudwatch.logs-ingestion', 0.5, 'gb-ingested', 'aws_flow_log.vpc', true),
  ],
  leftOut: [{ type: 'aws_iam_role', count: 5, reason: 'IAM has no charge' }],
};

/** A made-up table with round prices, so every expected number is easy to check. */
function table(
  overrides: Partial<Record<string, number | null>> = {},
  free: Partial<Record<string, number>> = {},
): PriceTable {
  const price = (item: string, fallback: number) => (item in overrides ? overrides[item]! : fallback);
  const entry = (item: string, unit: string, fallback: number, per = 1) => ({
    item,
    unit: unit as PriceTable['items'][number]['unit'],
    unitPrice: price(item, fallback),
    per,
    priceSource: 'x',
    priceDate: '2026-12-04',
    ...(free[item] === undefined ? {} : { freeTierPerMonth: free[item] }),
  });
  return {
    provider: 'aws',
    region: 'eu-west-3',
    currency: 'USD',
    version: 'test',
    items: [
      entry('rds.instance', 'instance-hour', 0.02),
      entry('rds.storage', 'gb-month', 0.1),
      entry('cloudwatch.alarm', 'resource-month', 0.1),
      entry('cloudwatch.logs-ingestion', 'gb-ingested', 0.5),
    ],
  };
}

describe('platform cost', function () {
  it('sums the lines of each item and multiplies by its price', function () {
    const cost = platformCost(INVENTORY, table(), 'none');
    const byItem = Object.fromEntries(cost.lines.map((l) => [l.item, l]));
    assert.deepEqual(
      cost.lines.map((l) => l.item),
      ['rds.instance', 'rds.storage', 'cloudwatch.alarm', 'cloudwatch.logs-ingestion'],
    );
    assert.equal(byItem['rds.instance']!.cost, 14.6); // 730 h × 0.02
    assert.equal(byItem['rds.storage']!.cost, 2);
    assert.equal(byItem['cloudwatch.alarm']!.usage, 2);
    assert.equal(byItem['cloudwatch.alarm']!.cost, 0.2);
    assert.equal(byItem['cloudwatch.logs-ingestion']!.usage, 1.5);
    assert.equal(byItem['cloudwatch.logs-ingestion']!.cost, 0.75);
    assert.equal(cost.monthly, 17.55);
    assert.equal(cost.source, INVENTORY.source);
    assert.deepEqual(platformSchema.parse(cost), cost);
  });

  it('marks assumed usage as estimated and says where each quantity came from', function () {
    const cost = platformCost(INVENTORY, table());
    const logs = cost.lines.find((l) => l.item === 'cloudwatch.logs-ingestion')!;
    assert.equal(logs.estimated, true);
    assert.equal(logs.usageSource, 'aws_cloudwatch_log_group.trail: assumed 1; aws_flow_log.vpc: assumed 0.5');
    assert.equal(cost.lines.find((l) => l.item === 'rds.instance')!.estimated, false);
    assert.match(cost.note ?? '', /assumed usage .*cloudwatch\.logs-ingestion/);
    assert.match(cost.note ?? '', /left out .*aws_iam_role/);
  });

  it("applies an item's always-free allowance once per month and records it", function () {
    // A regime with no allowance of its own for these items: the items' always-free ones apply.
    const cost = platformCost(
      INVENTORY,
      table({}, { 'cloudwatch.alarm': 10, 'cloudwatch.logs-ingestion': 1 }),
      'azure-always-free',
    );
    const alarm = cost.lines.find((l) => l.item === 'cloudwatch.alarm')!;
    assert.equal(alarm.cost, 0); // 2 alarms inside 10 free: free, and known to be
    assert.equal(alarm.freeAllowance, 10);
    assert.equal(cost.lines.find((l) => l.item === 'cloudwatch.logs-ingestion')!.cost, 0.25); // (1.5 − 1) × 0.5
    assert.equal(cost.lines.find((l) => l.item === 'rds.instance')!.freeAllowance, null);
    assert.equal(cost.monthly, 16.85);
  });

  it("uses the regime's own allowance where it has one, and none under regime none", function () {
    const prices = table({}, { 'cloudwatch.logs-ingestion': 1 });
    // aws-credits carries CloudWatch Logs' 5 GB a month: the 1.5 GB are free.
    const credits = platformCost(INVENTORY, prices, 'aws-credits');
    assert.equal(credits.lines.find((l) => l.item === 'cloudwatch.logs-ingestion')!.cost, 0);
    assert.equal(credits.lines.find((l) => l.item === 'cloudwatch.logs-ingestion')!.freeAllowance, 5);
    const none = platformCost(INVENTORY, prices, 'none');
    assert.equal(
      none.lines.find((l) => l.item === 'cloudwatch.logs-ingestion')!.cost,
      0.75,
      'no allowance at all: the gross figure',
    );
    assert.equal(none.monthly, 17.55);
  });

  it('an unknown price makes its line and the month null, never 0', function () {
    const cost = platformCost(INVENTORY, table({ 'rds.storage': null }));
    assert.equal(cost.lines.find((l) => l.item === 'rds.storage')!.cost, null);
    assert.equal(cost.monthly, null);
    assert.match(cost.note ?? '', /no price for rds\.storage/);
    const missing = platformCost(
      { ...INVENTORY, lines: [...INVENTORY.lines, line('kms.key', 1, 'resource-month', 'aws_kms_key.k')] },
      table(),
    );
    assert.equal(missing.lines.find((l) => l.item === 'kms.key')!.cost, null);
    assert.equal(missing.monthly, null);
    const none = platformCost(INVENTORY, null);
    assert.ok(none.lines.every((l) => l.cost === null && l.unitPrice === null));
    assert.equal(none.monthly, null);
  });

  it('refuses to multiply a quantity by a price in another unit', function () {
    const wrong = table();
    const cost = platformCost(INVENTORY, {
      ...wrong,
      items: wrong.items.map((i) => (i.item === 'rds.storage' ? { ...i, unit: 'gb-transferred' as const } : i)),
    });
    assert.equal(cost.lines.find((l) => l.item === 'rds.storage')!.cost, null);
    assert.equal(cost.monthly, null);
    assert.match(cost.note ?? '', /unit differs .*rds\.storage \(gb-month vs gb-transferred\)/);
  });

  it("prices each cloud's committed inventory with its price table into a valid platform block", async function () {
    for (const cloud of ['aws', 'gcp', 'azure'] as const) {
      const inventory = JSON.parse(
        await readFile(new URL(`../../providers/${cloud}/platform-inventory.json`, import.meta.url), 'utf8'),
      ) as PlatformInventory;
      const { prices } = (await loadProvider(cloud)).priceTable({ env: {} });
      const cost = platformCost(inventory, prices);
      assert.deepEqual(platformSchema.parse(cost), cost, cloud);
      const unknown = cost.lines.filter((l) => l.cost === null);
      assert.equal(cost.monthly === null, unknown.length > 0, cloud);
      assert.equal(cost.lines.length, new Set(inventory.lines.map((l) => l.item)).size, cloud);
    }
  });
});
