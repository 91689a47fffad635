import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { send, startLocalServer, type LocalServer } from '../../pipeline/sources/test-support/local-server.ts';
import { AWS_PRICED_REGIONS, awsPrices } from '../../providers/aws/pricing.ts';
import { AZURE_PRICED_REGIONS, azurePrices } from '../../providers/azure/pricing.ts';
import type { PriceFile, PriceTable } from '../../providers/core/index.ts';
import { GCP_PRICED_REGIONS, gcpPrices } from '../../providers/gcp/pricing.ts';
import { main } from '../main.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (cloud: string, name: string) =>
  readFile(path.join(ROOT, 'providers', cloud, 'fixtures/price-list', name), 'utf8');

function capture(env: Record<string, string | undefined> = {}, cwd = ROOT) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: (t: string) => void (out.stdout += t),
    stderr: (t: string) => void (out.stderr += t),
    isTTY: false,
    env,
    cwd,
  };
  return { out, io };
}

/** Default-region items with no price yet: each one is named in docs/pricing.md with why. */
const KNOWN_GAPS: Record<string, string[]> = {
  aws: [],
  gcp: ['bigquery.analysis', 'bigquery.active-storage'],
  azure: ['keyvault.operation', 'loganalytics.ingestion'],
};

describe('price tables', function () {
  const tables: [string, readonly string[], (r: string) => PriceTable][] = [
    ['aws', AWS_PRICED_REGIONS, awsPrices],
    ['gcp', GCP_PRICED_REGIONS, gcpPrices],
    ['azure', AZURE_PRICED_REGIONS, azurePrices],
  ];

  for (const [cloud, regions, prices] of tables) {
    it(`${cloud}: every item of every priced region has a unit, a source and a date, and every known price its source kind`, function () {
      for (const region of regions) {
        for (const i of prices(region).items) {
          assert.match(i.priceSource, /^https:\/\//, `${cloud} ${region} ${i.item}`);
          assert.match(i.priceDate, /^\d{4}-\d{2}-\d{2}$/);
          // A kind says how a figure was read: an unknown price has none to claim.
          if (i.unitPrice === null)
            assert.equal(
              i.sourceKind,
              undefined,
              `${cloud} ${region} ${i.item}: an unknown price claims a source kind`,
            );
          else assert.ok(i.sourceKind, `${cloud} ${region} ${i.item} has no source kind`);
          assert.ok(i.per > 0);
          if (i.sourceKind === 'secondary')
            assert.ok(
              i.secondarySource && i.crossCheck,
              `${cloud} ${region} ${i.item}: a secondary figure names its document and a cross-check`,
            );
          if (i.unitPrice === null) assert.ok(i.note, `${cloud} ${region} ${i.item}: an unknown price says why`);
          if (i.freeTierPerMonth !== undefined)
            assert.ok(i.freeTierSource, `${cloud} ${region} ${i.item}: a free allowance has its source`);
        }
      }
    });

    it(`${cloud}: the default region has a price for every item but the documented gaps, and both regions list the same items`, function () {
      const [first, second] = regions.map((r) => prices(r).items.map((i) => i.item));
      assert.deepEqual(first, second);
      const missing = prices(regions[0]!)
        .items.filter((i) => i.unitPrice === null)
        .map((i) => i.item);
      assert.deepEqual(missing, KNOWN_GAPS[cloud]);
    });

    it(`${cloud}: an unknown region gets every item with a null price`, function () {
      const table = prices('nowhere-1');
      assert.equal(table.items.length, prices(regions[0]!).items.length);
      assert.ok(table.items.every((i) => i.unitPrice === null));
    });
  }

  it('keeps the ids the cost model meters and adds the platform items', function () {
    const ids = (t: PriceTable) => t.items.map((i) => i.item);
    assert.deepEqual(ids(awsPrices('eu-west-3')), [
      's3.put-request',
      's3.get-request',
      's3.list-request',
      's3.storage',
      's3.egress',
      'rds.instance',
      'rds.storage',
      'kms.key',
      'secretsmanager.secret',
      'cloudwatch.alarm',
      'cloudwatch.logs-ingestion',
      'cloudwatch.logs-storage',
    ]);
    assert.ok(ids(gcpPrices('europe-west9')).includes('scheduler.job'));
    assert.ok(ids(azurePrices('eastus')).includes('loganalytics.ingestion'));
    assert.equal(awsPrices('eu-west-3').items.find((i) => i.item === 'kms.key')?.unit, 'resource-month');
  });
});

describe('jobbench prices', function () {
  it('prints the dated table of a provider and region, and all three defaults without --provider', async function () {
    const { out, io } = capture();
    assert.equal(await main(['prices', '--provider', 'aws', '--region', 'us-east-1'], io), 0);
    assert.match(out.stdout, /aws us-east-1 — version \d{4}-\d{2}-\d{2}\.\d+, USD/);
    assert.match(out.stdout, /rds\.instance .*0\.016 per 1 .*2026-12-04 .*secondary/);
    const all = capture();
    assert.equal(await main(['prices'], all.io), 0);
    for (const header of ['aws eu-west-3', 'gcp europe-west9', 'azure francecentral'])
      assert.ok(all.out.stdout.includes(header), header);
    assert.match(all.out.stdout, /unknown prices .*bigquery\.analysis/);
  });

  it('prints JSON with --json', async function () {
    const { out, io } = capture();
    assert.equal(await main(['prices', '--provider', 'gcp', '--json'], io), 0);
    const [table] = JSON.parse(out.stdout) as PriceTable[];
    assert.equal(table?.region, 'europe-west9');
  });

  for (const argv of [
    ['prices', '--provider', 'oracle'],
    ['prices', '--provider', 'aws', '--region', 'mars-1'],
    ['prices', '--region', 'eu-west-3'],
    ['prices', 'update'],
    ['prices', '--out', 'x.json'],
    ['prices', 'refresh'],
    ['prices', '--provider'],
  ]) {
    it(`exits 2 with one line on: ${argv.join(' ')}`, async function () {
      const { out, io } = capture();
      assert.equal(await main(argv, io), 2);
      assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
      assert.match(out.stderr, /^jobbench: /);
    });
  }
});

describe('jobbench prices refresh', function () {
  let dir: string;
  let server: LocalServer;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-prices-'));
  });
  afterEach(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function refresh(provider: string, env: Record<string, string> = {}) {
    const { out, io } = capture(env, dir);
    const code = await main(
      ['prices', 'refresh', '--provider', provider, '--endpoint', server.origin, '--out', 'new.json'],
      io,
    );
    const written = code === 0 ? (JSON.parse(await readFile(path.join(dir, 'new.json'), 'utf8')) as PriceFile) : null;
    return { code, out, written };
  }

  it('aws: maps offer-file usage types to items, keeps what the offer files do not give, writes the file and prints the diff', async function () {
    const s3 = await fixture('aws', 'AmazonS3-eu-west-3.json');
    const rds = await fixture('aws', 'AmazonRDS-eu-west-3.json');
    server = await startLocalServer((req, res) => {
      if (req.url === '/offers/v1.0/aws/AmazonS3/current/eu-west-3/index.json') return send(res, 200, s3);
      if (req.url === '/offers/v1.0/aws/AmazonRDS/current/eu-west-3/index.json') return send(res, 200, rds);
      return send(res, 404, '<Error><Code>NoSuchKey</Code></Error>', 'application/xml');
    });
    const { code, out, written } = await refresh('aws');
    assert.equal(code, 0, out.stderr);
    const paris = written!.regions['eu-west-3']!;
    const get = (id: string) => paris.find((i) => i.item === id)!;
    assert.equal(get('s3.get-request').unitPrice, 0.00044); // 0.00000044 per request × 1000
    assert.equal(get('s3.get-request').sourceKind, 'vendor-api');
    assert.equal(get('s3.get-request').priceDate, written!.readOn);
    assert.equal(get('s3.storage').unitPrice, 0.024); // first tier, not Intelligent-Tiering
    assert.equal(get('rds.instance').unitPrice, 0.018); // PostgreSQL Single-AZ, not MySQL or Multi-AZ
    assert.equal(get('rds.storage').unitPrice, 0.133);
    assert.equal(get('kms.key').sourceKind, 'secondary'); // awskms not served: kept
    assert.match(out.stdout, /eu-west-3 s3\.get-request: 0\.00042 → 0\.00044/);
    assert.match(out.stdout, /eu-west-3 kms\.key: 1 kept \(HTTP 404 for awskms\)/);
    assert.match(out.stdout, /us-east-1 s3\.storage: 0\.023 kept/);
    assert.match(out.stdout, /1 changed, 5 unchanged/);
    assert.notEqual(
      written!.version,
      JSON.parse(await readFile(path.join(ROOT, 'providers/aws/prices.json'), 'utf8')).version,
    ); // a price changed: new version
    assert.ok(written!.version.startsWith(`${written!.readOn}.`));
    assert.ok(server.requests.every((r) => r.method === 'GET'));
  });

  it('azure: follows NextPageLink, takes the first paid tier of the right meter, keeps the rest', async function () {
    const page1 = await fixture('azure', 'francecentral-page1.json');
    const page2 = await fixture('azure', 'francecentral-page2.json');
    server = await startLocalServer((req, res) => {
      const url = new URL(req.url, server.origin);
      const filter = url.searchParams.get('$filter') ?? '';
      if (url.pathname !== '/api/retail/prices') return send(res, 404, '{}');
      if (url.searchParams.get('$skip') === '100') return send(res, 200, page2);
      if (filter.startsWith("armRegionName eq 'francecentral' and priceType eq 'Consumption'"))
        return send(res, 200, page1.replace('{{origin}}', server.origin));
      return send(res, 200, JSON.stringify({ BillingCurrency: 'USD', Items: [], NextPageLink: null, Count: 0 }));
    });
    const { code, out, written } = await refresh('azure');
    assert.equal(code, 0, out.stderr);
    const fr = written!.regions.francecentral!;
    const get = (id: string) => fr.find((i) => i.item === id)!;
    assert.equal(get('blob.storage').unitPrice, 0.0228);
    assert.equal(get('blob.write-operation').unitPrice, 0.065); // LRS, not GRS
    assert.equal(get('blob.read-operation').unitPrice, 0.0052); // from page 2
    assert.equal(get('postgres.compute').unitPrice, 0.0236);
    assert.equal(get('loganalytics.ingestion').unitPrice, 2.99); // the paid tier after the free 5 GB
    assert.equal(get('keyvault.operation').unitPrice, null);
    assert.match(out.stdout, /francecentral blob\.storage: 0\.0192 → 0\.0228/);
    assert.match(out.stdout, /francecentral loganalytics\.ingestion: null → 2\.99/);
    assert.match(out.stdout, /francecentral keyvault\.operation: null kept \(no Key Vault meter/);
    assert.match(out.stdout, /eastus blob\.storage: 0\.0208 kept/);
    assert.equal(server.requestsTo('/api/retail/prices').length, 3); // two pages for francecentral, one for eastus
  });

  it('gcp: pages through services, maps SKUs by description and region, never prints the API key', async function () {
    const key = 'test-key-do-not-print';
    const files: Record<string, string> = {
      '/v1/services': await fixture('gcp', 'services-page1.json'),
      '/v1/services#page-2': await fixture('gcp', 'services-page2.json'),
      '/v1/services/24E6-581D-38E5/skus': await fixture('gcp', 'skus-24E6-581D-38E5.json'),
      '/v1/services/95FF-2EF5-5EA1/skus': await fixture('gcp', 'skus-95FF-2EF5-5EA1.json'),
    };
    server = await startLocalServer((req, res) => {
      const url = new URL(req.url, server.origin);
      if (url.searchParams.get('key') !== key)
        return send(res, 403, '{"error":{"code":403,"status":"PERMISSION_DENIED"}}');
      const token = url.searchParams.get('pageToken');
      const body = files[token ? `${url.pathname}#${token}` : url.pathname];
      return body ? send(res, 200, body) : send(res, 404, '{"error":{"code":404,"status":"NOT_FOUND"}}');
    });
    const { code, out, written } = await refresh('gcp', { JOBBENCH_PRICES_GCP_API_KEY: key });
    assert.equal(code, 0, out.stderr);
    const paris = written!.regions['europe-west9']!;
    const get = (id: string) => paris.find((i) => i.item === id)!;
    assert.equal(get('bigquery.analysis').unitPrice, 7.8125);
    assert.equal(get('bigquery.active-storage').unitPrice, 0.023);
    assert.equal(get('gcs.storage').unitPrice, 0.023);
    assert.equal(get('gcs.storage').sourceKind, 'vendor-api');
    assert.equal(get('scheduler.job').unitPrice, 0.1); // Cloud Scheduler not in the catalog: kept
    assert.match(out.stdout, /europe-west9 bigquery\.analysis: null → 7\.8125/);
    assert.match(out.stdout, /scheduler\.job: 0\.1 kept \(service "Cloud Scheduler" not in the catalog\)/);
    assert.ok(!out.stdout.includes(key) && !out.stderr.includes(key));
    assert.ok(!JSON.stringify(written).includes(key));
    assert.equal(server.requestsTo('/v1/services').length, 2);
  });

  it('a price list that cannot be read exits 1 with one line and writes nothing', async function () {
    server = await startLocalServer((_req, res) => send(res, 503, '{"error":"unavailable"}'));
    const answered = await refresh('azure');
    assert.equal(answered.code, 1);
    assert.match(
      answered.out.stderr,
      /^jobbench: prices refresh azure: could not read the vendor's price list at http:\/\/127\.0\.0\.1:\d+ \(.+\); .+prices\.json is unchanged\n$/,
    );
    // Nothing listening at all (the usual case without internet).
    const origin = server.origin;
    await server.close();
    server = await startLocalServer((_req, res) => send(res, 200, '{}'));
    const { out, io } = capture({}, dir);
    const code = await main(
      ['prices', 'refresh', '--provider', 'azure', '--endpoint', origin, '--out', 'new.json'],
      io,
    );
    assert.equal(code, 1);
    assert.match(out.stderr, /could not read the vendor's price list/);
    await assert.rejects(readFile(path.join(dir, 'new.json')), /ENOENT/);
  });

  it('gcp: a missing API key exits 2 before any request', async function () {
    server = await startLocalServer((_req, res) => send(res, 500, '{}'));
    const { code, out } = await refresh('gcp');
    assert.equal(code, 2);
    assert.match(out.stderr, /JOBBENCH_PRICES_GCP_API_KEY/);
    assert.equal(server.requests.length, 0);
  });
});
