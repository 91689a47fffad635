/**
 * The Azure price list's non-regional meters: Private Link is listed under armRegionName
 * `Global` and Azure DNS under a billing zone or no region, so a region's request must ask
 * for them and the matcher must take them for any region, and only the meter the rule names.
 */
import assert from 'node:assert/strict';
import type { PriceFile } from '../core/index.ts';
import { azureFilter, fetchAzurePrices } from './price-list.ts';
import { azurePriceFile } from './pricing.ts';

const row = (fields: Record<string, unknown>) => ({ type: 'Consumption', tierMinimumUnits: 0, ...fields });
const privateLink = (meterName: string, retailPrice: number, extra: Record<string, unknown> = {}) =>
  row({
    armRegionName: 'Global',
    serviceName: 'Virtual Network',
    productName: 'Virtual Network Private Link',
    skuName: 'Standard',
    meterName,
    unitOfMeasure: meterName.endsWith('Endpoint') ? '1 Hour' : '1 GB',
    retailPrice,
    ...extra,
  });
const dns = (meterName: string, unitOfMeasure: string, tiers: [number, number][], armRegionName = 'Zone 1') =>
  tiers.map(([tierMinimumUnits, retailPrice]) =>
    row({
      armRegionName,
      serviceName: 'Azure DNS',
      productName: 'Azure DNS',
      skuName: 'Private',
      meterName,
      unitOfMeasure,
      tierMinimumUnits,
      retailPrice,
    }),
  );

const ITEMS = ['privatelink.endpoint-hour', 'privatelink.data-gb', 'dns.private-zone', 'dns.query'];

/** The pinned file cut down to the new items, in both of its regions. */
function file(): PriceFile {
  const pinned = azurePriceFile();
  const regions = Object.fromEntries(
    Object.entries(pinned.regions).map(([r, items]) => [r, items.filter((i) => ITEMS.includes(i.item))]),
  );
  return { ...pinned, regions };
}

describe('azure price list: non-regional meters', function () {
  it("asks each region's request for the Global Private Link and the Azure DNS meters, after the regional filter", function () {
    const filter = azureFilter('francecentral');
    assert.ok(filter.startsWith("armRegionName eq 'francecentral' and priceType eq 'Consumption' and (serviceName eq"));
    assert.match(
      filter,
      / or \(priceType eq 'Consumption' and armRegionName eq 'Global' and serviceName eq 'Virtual Network' and productName eq 'Virtual Network Private Link'\)/,
    );
    assert.match(
      filter,
      / or \(priceType eq 'Consumption' and serviceName eq 'Azure DNS' and productName eq 'Azure DNS'\)/,
    );
    // The regional clause no longer asks for whole services that are priced elsewhere.
    const regional = filter.slice(0, filter.indexOf(') or ('));
    assert.doesNotMatch(regional, /Virtual Network|Azure DNS/);
  });

  it('prices both regions from the same rows, skipping lookalike meters, regional rows and tiers past the first', async function () {
    const items = [
      privateLink('Fixed Private Endpoint T1', 14),
      privateLink('Standard Service Endpoint Virtual Network', 0.1, { skuName: 'Standard Service Endpoint' }),
      privateLink('Standard Private Endpoint', 0.01),
      privateLink('Standard Private Endpoint', 0.013, { armRegionName: 'usgovvirginia' }),
      privateLink('Standard Data Processed - Ingress', 0.006, { tierMinimumUnits: 1_000_000 }),
      privateLink('Standard Data Processed - Ingress', 0.01),
      privateLink('Standard Data Processed - Egress', 0.02),
      ...dns('Private Zone', '1/Month', [
        [25, 0.1],
        [0, 0.5],
      ]),
      ...dns('Public Zone', '1/Month', [[0, 0.45]]),
      ...dns('Private Queries', '1M', [[0, 0.4]], ''),
      ...dns('Private Queries', '1M', [[0, 0.52]], 'US Gov Zone 1'),
    ];
    const requested: string[] = [];
    const fetchRows = (async (url: string | URL) => {
      requested.push(String(url));
      return new Response(JSON.stringify({ Items: items, NextPageLink: null }), { status: 200 });
    }) as typeof fetch;
    const { prices, unmatched } = await fetchAzurePrices(file(), { base: 'http://prices.test', fetch: fetchRows });
    assert.deepEqual([...unmatched], []);
    assert.equal(requested.length, 2);
    for (const region of ['francecentral', 'eastus']) {
      const price = (item: string) => prices.find((p) => p.region === region && p.item === item)?.unitPrice;
      assert.equal(price('privatelink.endpoint-hour'), 0.01, region);
      assert.equal(price('privatelink.data-gb'), 0.01, region);
      assert.equal(price('dns.private-zone'), 0.5, region);
      assert.equal(price('dns.query'), 0.4, region);
    }
  });

  it('names the meter a non-regional item missed instead of taking a regional row', async function () {
    const regionalOnly = [privateLink('Standard Private Endpoint', 0.01, { armRegionName: 'francecentral' })];
    const fetchRows = (async () =>
      new Response(JSON.stringify({ Items: regionalOnly, NextPageLink: null }), { status: 200 })) as typeof fetch;
    const { prices, unmatched } = await fetchAzurePrices(file(), { base: 'http://prices.test', fetch: fetchRows });
    assert.equal(prices.length, 0);
    assert.match(unmatched.get('francecentral/privatelink.endpoint-hour') ?? '', /no Virtual Network meter/);
  });
});
