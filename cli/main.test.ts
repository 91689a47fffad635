import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateResults } from '../results/validate.ts';
import { main } from './main.ts';
import { needs } from '../test/support/needs.ts';
import { captureIo } from './test-support/capture-io.ts';

describe('jobbench CLI', function () {
  this.timeout(180_000);
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-cli-'));
  });
  afterEach(async () => rm(cwd, { recursive: true, force: true }));

  const usageCases: Array<[string, string[], RegExp]> = [
    ['an unknown provider', ['run', '--provider', 'nosuch'], /unknown provider "nosuch"/],
    ['an unknown flag', ['run', '--frobnicate'], /unknown option '--frobnicate'/],
    ['a bad scale', ['run', '--scale', 'lots'], /--scale must be a whole number/],
    [
      'a bad transform worker count',
      ['run', '--transform-workers', '-1'],
      /--transform-workers must be a whole number/,
    ],
    ['an unknown source', ['run', '--sources', 'nosuch'], /unknown source "nosuch"/],
    ['an unknown weight', ['recommend', '--weights', 'speed=2'], /unknown weight "speed"/],
    ['a bad resume id', ['run', '--resume', 'yesterday'], /--resume takes a run id/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unreadable file', ['transform', '--source', 'adzuna', 'no-such-file.json'], /cannot read no-such-file.json/],
    ['a transform of an unknown source', ['transform', '--source', 'nosuch', 'x.json'], /unknown source "nosuch"/],
    ['an unknown fault', ['run', '--faults', 'boom=1'], /unknown fault "boom"/],
    ['an unknown free-tier regime', ['run', '--free-tier', 'aws-gold'], /unknown free-tier regime "aws-gold"/],
  ];
  for (const [what, argv, message] of usageCases) {
    it(`exits 2 with one line and no stack for ${what}`, async function () {
      const io = captureIo(cwd);
      assert.equal(await main(argv, io), 2);
      assert.equal(io.out, '');
      const lines = io.err.trimEnd().split('\n');
      assert.equal(lines.length, 1, io.err);
      assert.match(lines[0]!, /^jobbench: /);
      assert.match(lines[0]!, message);
    });
  }

  it('names the missing credential of a requested source and exits 2', async function () {
    const io = captureIo(cwd, {});
    assert.equal(await main(['run', '--sources', 'adzuna'], io), 2);
    assert.match(io.err, /ADZUNA_APP_ID/);
  });

  it("checks every provider's settings before any work, exiting 2 with the keys tried", async function () {
    const io = captureIo(cwd, { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' });
    assert.equal(await main(['run', '--provider', 'local,aws'], io), 2);
    assert.match(io.err, /^jobbench: aws config failed: missing setting: set one of JOBBENCH_AWS_BUCKET\n$/);
    assert.equal(io.out, '');
  });

  it("estimates the cost with --dry-run from each provider's region, creating nothing", async function () {
    const io = captureIo(cwd, { JOBBENCH_AWS_REGION: 'us-east-1' });
    assert.equal(await main(['run', '--provider', 'all', '--dry-run', '--free-tier', 'aws-legacy'], io), 0, io.err);
    for (const [provider, region] of [
      ['local', 'local'],
      ['aws', 'us-east-1'],
      ['gcp', 'europe-west9'],
      ['azure', 'francecentral'],
    ]) {
      assert.match(io.out, new RegExp(`│ ${provider}\\s+│ ${region}\\s+│`), io.out);
    }
    assert.deepEqual(await readdir(cwd), [], 'a dry run writes nothing');
  });

  it('prints help with exit 0', async function () {
    const io = captureIo(cwd);
    assert.equal(await main(['run', '--help'], io), 0);
    assert.match(io.out, /--provider <names>/);
  });

  it('runs the local pipeline, writes valid results, and a second run adds no rows', async function () {
    needs(this, 'whole-runs');
    const io = captureIo(cwd);
    const argv = ['run', '--provider', 'local', '--scale', '300', '--seed', '5', '--repetitions', '3'];
    assert.equal(await main(argv, io), 0, io.err);
    assert.match(io.out, /Results: results\/runs\/.+\.json/);
    assert.match(io.out, /Dashboards: dashboards\/out\/cloud-comparison\.html, dashboards\/out\/job-market\.html/);
    const first = validateResults(JSON.parse(await readFile(path.join(cwd, 'results', 'latest.json'), 'utf8')));
    const local = first.providers[0]!;
    assert.equal(local.name, 'local');
    assert.equal(local.status, 'ok');
    assert.equal(local.emulated, true);
    assert.ok(local.pipeline!.loaded > 0);
    assert.ok(local.scenarios.some((s) => s.name === 'store.put' && s.latencyMs !== null));
    assert.ok(local.scenarios.some((s) => s.name === 'warehouse.load' && s.status === 'ok'));

    const again = captureIo(cwd);
    assert.equal(await main([...argv, '--json'], again), 0, again.err);
    const second = validateResults(JSON.parse(again.out));
    assert.notEqual(second.runId, first.runId);
    assert.equal(second.providers[0]!.pipeline!.warehouseRows, local.pipeline!.warehouseRows);
  });

  it('transforms a payload file to NDJSON and fails one-line on a truncated one', async function () {
    const page = JSON.stringify({
      count: 1,
      results: [
        {
          id: '4242',
          title: 'Data Scientist H/F',
          description: 'Python &amp; SQL',
          created: '2026-11-20T08:00:00Z',
          redirect_url: 'https://www.adzuna.fr/land/ad/4242',
          company: { display_name: 'ACME' },
          location: { display_name: 'Lyon, Rhône', area: ['France', 'Auvergne-Rhône-Alpes', 'Rhône', 'Lyon'] },
          salary_min: 45000,
          salary_max: 55000,
          salary_is_predicted: '0',
          contract_type: 'permanent',
          contract_time: 'full_time',
        },
      ],
    });
    await writeFile(path.join(cwd, 'page.json'), page);
    await writeFile(path.join(cwd, 'cut.json'), page.slice(0, 80));
    const io = captureIo(cwd);
    assert.equal(await main(['transform', '--source', 'adzuna', 'page.json'], io), 0, io.err);
    const posting = JSON.parse(io.out.trim());
    assert.equal(posting.source, 'adzuna');
    assert.equal(posting.sourceId, '4242');
    assert.equal(posting.salary.minEurYear, 45000);
    assert.equal(posting.location.departement, '69');
    const bad = captureIo(cwd);
    assert.equal(await main(['transform', '--source', 'adzuna', 'cut.json'], bad), 1);
    assert.equal(bad.out, '');
    assert.match(bad.err, /^jobbench: cut.json is not a valid adzuna payload/);
  });
});
