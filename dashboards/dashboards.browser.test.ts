/**
 * Builds both dashboards from fixture results and a fixture warehouse snapshot, opens
 * them from disk in Debian's Chromium and checks what a reader would: every chart drawn
 * with data, no console error, no request leaving the page, filters and weight sliders
 * changing what is shown. (The docs' screenshots come from a real run: `npm run showcase`.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { rankProviders, type Weights } from '../benchmarks/recommend/recommend.ts';
import { writeMarketSnapshot } from '../results/market-snapshot.ts';
import type { Results } from '../results/schema.ts';
import { writeResults } from '../results/store.ts';
import { makeMarketSnapshot } from './fixtures/market-fixture.ts';
import { makeRunHistory } from './fixtures/results-fixture.ts';
import { buildDashboards, type BuiltDashboards } from './index.ts';
import { needs } from '../test/support/needs.ts';

interface PageWatch {
  errors: string[];
  external: string[];
}

async function open(browser: Browser, file: string): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const watch: PageWatch = { errors: [], external: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    watch.external.push(url);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, undefined, { timeout: 60_000 });
  assert.equal(
    await page.evaluate(() => document.body.dataset.ready),
    'true',
    `page failed: ${watch.errors.join('; ')}`,
  );
  return { page, watch };
}

/**
 * Traces and data points of every Plotly figure on the page, by element id. A string,
 * not a function: tsx would wrap inner functions in a helper the page does not have.
 */
const COUNT_PLOTLY = `(() => {
  const out = {};
  const len = (v) => (Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined).length : 0);
  for (const el of Array.from(document.querySelectorAll('.fig'))) {
    const data = el.data || [];
    out[el.id] = { traces: data.length, points: data.reduce((n, t) => n + Math.max(len(t.x), len(t.y), len(t.values)), 0) };
  }
  return out;
})()`;

function plotlyCounts(page: Page): Promise<Record<string, { traces: number; points: number }>> {
  return page.evaluate(COUNT_PLOTLY) as Promise<Record<string, { traces: number; points: number }>>;
}

function assertAllDrawn(counts: Record<string, { traces: number; points: number }>, expected: number): void {
  assert.equal(Object.keys(counts).length, expected, `figures found: ${Object.keys(counts).join(', ')}`);
  for (const [id, c] of Object.entries(counts)) {
    assert.ok(c.traces > 0 && c.points > 0, `${id} is empty (${c.traces} traces, ${c.points} points)`);
  }
}

describe('dashboards in a real browser', function () {
  this.timeout(240_000);
  let dir: string;
  let built: BuiltDashboards;
  let runs: Results[];
  let browser: Browser;

  before(async function () {
    needs(this, 'browser');
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-dashboards-'));
    runs = makeRunHistory();
    for (const run of runs) await writeResults(run, path.join(dir, 'results'));
    await writeMarketSnapshot(await makeMarketSnapshot(runs[runs.length - 1]!.runId), path.join(dir, 'results'));
    built = await buildDashboards({ resultsDir: path.join(dir, 'results'), outDir: path.join(dir, 'out') });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async function () {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes two self-contained pages', async function () {
    assert.ok(built.jobMarket);
    for (const file of [built.jobMarket, built.cloudComparison]) {
      const size = (await stat(file)).size;
      assert.ok(size > 3_000_000 && size < 20_000_000, `${file} is ${size} bytes`);
    }
  });

  it('cloud comparison: every chart has data, sliders re-rank with the benchmark math, runs switch', async function () {
    const { page, watch } = await open(browser, built.cloudComparison);
    assertAllDrawn(await plotlyCounts(page), 12);
    assert.match((await page.locator('#emulated-banner').textContent()) ?? '', /Emulated: local, azure/);
    const legend = await page.evaluate(() =>
      (document.getElementById('fig-latency') as unknown as { data: { name: string }[] }).data.map((t) => t.name),
    );
    assert.ok(legend.includes('azure (emulated)') && legend.includes('aws'), legend.join(', '));
    // biome-ignore lint/performance/useDomNodeTextContent: the pattern needs innerText's one line per table row
    assert.match(await page.locator('#cost-table').innerText(), /local[^\n]*unknown/);

    const latest = runs[runs.length - 1]!;
    const vectors: Weights[] = [
      { latency: 1, throughput: 1, cost: 1, reliability: 1, freeTier: 0 },
      { latency: 0, throughput: 5, cost: 0.5, reliability: 1, freeTier: 3 },
      { latency: 3, throughput: 0, cost: 2, reliability: 0, freeTier: 0.5 },
      { latency: 0, throughput: 0, cost: 0, reliability: 0, freeTier: 0 },
    ];
    for (const w of vectors) {
      const inPage = await page.evaluate(
        (weights) => (window as unknown as { jobbench: { rank: (w: unknown) => unknown } }).jobbench.rank(weights),
        w,
      );
      const expected = rankProviders(latest.providers, w)!.ranking.map((r) => ({
        provider: r.provider,
        score: r.score,
        rank: r.rank,
      }));
      assert.deepEqual(inPage, expected, `weights ${JSON.stringify(w)}`);
    }

    const topRow = () => page.locator('#ranking tbody tr').first().locator('td').nth(1).textContent();
    assert.equal(await topRow(), 'gcp');
    assert.match((await page.locator('#ranking').textContent()) ?? '', /local \(reference, not ranked\)/);
    assert.match(
      (await page.locator('#top-choice').textContent()) ?? '',
      /^no recommendation: azure was measured on an emulator/,
    );
    assert.match(
      (await page.locator('#sensitivity').textContent()) ?? '',
      /latency: at weight [\d.]+ \(now 1\) the first-ranked cloud becomes aws/,
    );
    await page.locator('input[data-criterion="latency"]').fill('5');
    assert.equal(await topRow(), 'aws');
    const scoreBars = await page.evaluate(
      () => (document.getElementById('fig-score') as unknown as { data: { y: string[] }[] }).data[0]!.y[0],
    );
    assert.equal(scoreBars, '#1 aws');

    const older = runs[0]!.runId;
    await page.locator('#run-select').selectOption(older);
    await page.waitForFunction((id) => document.getElementById('run-meta')!.textContent!.includes(id), older);
    assertAllDrawn(await plotlyCounts(page), 12);
    await page.locator('#run-select').selectOption(latest.runId);
    await page.waitForFunction((id) => document.getElementById('run-meta')!.textContent!.includes(id), latest.runId);

    assert.deepEqual(watch.external, []);
    assert.deepEqual(watch.errors, []);
    await page.context().close();
  });

  it('job market: every chart has data, Bokeh views are linked, filters change every chart', async function () {
    const { page, watch } = await open(browser, built.jobMarket!);
    const before = await plotlyCounts(page);
    assertAllDrawn(before, 9);
    const bokeh = () =>
      page.evaluate(() =>
        (window as unknown as { jobbench: { bokehCounts: () => Record<string, number> } }).jobbench.bokehCounts(),
      );
    const b0 = await bokeh();
    assert.ok(b0.daily! > 30 && b0.scatter! > 100 && b0.skills! > 5, JSON.stringify(b0));
    // The range tool opens on the last 30 of 60 days: the table holds only that window.
    assert.ok(b0.table! > 0 && b0.table! < 420, JSON.stringify(b0));

    const kpi = async () => (await page.locator('#kpis .kpi b').first().textContent()) ?? '';
    assert.equal(await kpi(), '420');
    await page.locator('#filter-region').selectOption('Occitanie');
    await page.waitForFunction(() => document.querySelector('#kpis .kpi b')!.textContent !== '420');
    const after = await plotlyCounts(page);
    assert.ok(Number((await kpi()).replace(/,/g, '')) < 420);
    for (const id of ['fig-skills', 'fig-salary-seniority', 'fig-companies', 'fig-time']) {
      assert.ok(after[id]!.points > 0, `${id} empty after filtering`);
    }
    const regions = await page.evaluate(() =>
      (document.getElementById('fig-salary-region') as unknown as { data: { name: string }[] }).data.map((t) => t.name),
    );
    assert.equal(regions.length, 1);
    assert.match(regions[0]!, /^Occitanie/);
    const b1 = await bokeh();
    assert.ok(b1.scatter! < b0.scatter! && b1.scatter! > 0, JSON.stringify(b1));

    await page.locator('#filter-reset').click();
    await page.waitForFunction(() => document.querySelector('#kpis .kpi b')!.textContent === '420');
    // Brush the salary scatter: the skills bars follow the selection.
    await page.locator('#bokeh-scatter').scrollIntoViewIfNeeded();
    const box = await page.locator('#bokeh-scatter').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + 180, box.y + 90);
    await page.mouse.down();
    await page.mouse.move(box.x + 300, box.y + 200, { steps: 8 });
    await page.mouse.move(box.x + 400, box.y + 270, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(
      () =>
        (window as unknown as { jobbench: { bokehCounts: () => { selected: number } } }).jobbench.bokehCounts()
          .selected > 0,
    );
    assert.match((await page.locator('#skills-caption').textContent()) ?? '', /Skills of the \d+ selected postings/);

    assert.deepEqual(watch.external, []);
    assert.deepEqual(watch.errors, []);
    await page.context().close();
  });
});
