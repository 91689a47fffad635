/**
 * The job-market page says on its first screen when postings are generated: built from
 * real PGlite snapshots (generated only, mixed, collected only), opened from disk in
 * Debian's Chromium at a laptop's viewport, and read as a visitor would see it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GENERATED_POSTINGS_LABEL } from '../../results/generated-postings.ts';
import { fixturePostings, makeMarketSnapshot } from '../fixtures/market-fixture.ts';
import { loadFranceMap } from './france-map.ts';
import { toMarketPageData } from './market-data.ts';
import { renderJobMarket } from './market-html.ts';
import { needs } from '../../test/support/needs.ts';

const VIEWPORT = { width: 1280, height: 720 };

describe('job-market page: generated-postings label in a real browser', function () {
  this.timeout(240_000);
  let dir: string;
  let browser: Browser;
  const pages: Record<'generated' | 'mixed' | 'collected', string> = { generated: '', mixed: '', collected: '' };

  before(async function () {
    needs(this, 'browser');
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-market-label-'));
    const all = fixturePostings();
    const sets = {
      generated: all.filter((p) => p.source === 'sample'),
      mixed: all,
      collected: all.filter((p) => p.source !== 'sample'),
    };
    const map = await loadFranceMap();
    for (const [name, postings] of Object.entries(sets) as [keyof typeof pages, typeof all][]) {
      const snapshot = await makeMarketSnapshot(`20261128T120000Z-${name}`, postings);
      // The mixed run also carries the emulated banner: both must fit on the first screen.
      const run = name === 'mixed' ? { tool: { version: '0.1.0', gitSha: null }, emulated: true } : null;
      pages[name] = path.join(dir, `${name}.html`);
      await writeFile(pages[name], await renderJobMarket(toMarketPageData(snapshot, map, run)));
    }
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });

  after(async function () {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, undefined, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', errors.join('; '));
    return page;
  }

  /** The banner's text, after checking it is drawn and lies wholly inside the first screen. */
  async function labelOnFirstScreen(page: Page): Promise<string> {
    const banner = page.locator('#generated-banner');
    assert.ok(await banner.isVisible(), 'the label is not visible');
    const box = await banner.boundingBox();
    assert.ok(
      box && box.y >= 0 && box.y + box.height <= VIEWPORT.height,
      `the label is below the fold: ${JSON.stringify(box)}`,
    );
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees on the first screen is the point
    return banner.innerText();
  }

  it('labels a run of generated postings on the first screen', async function () {
    const page = await open(pages.generated);
    assert.equal(await labelOnFirstScreen(page), `${GENERATED_POSTINGS_LABEL}.`);
    await page.context().close();
  });

  it('says which share of a mixed run is generated, above the emulated banner and the charts', async function () {
    const page = await open(pages.mixed);
    const text = await labelOnFirstScreen(page);
    assert.ok(text.startsWith(GENERATED_POSTINGS_LABEL), text);
    assert.match(
      text,
      /300 of 420 postings \(71\.4 %\) come from the generated sample source; the rest are collected \(adzuna 120\)/,
    );
    assert.ok(await page.locator('.banner', { hasText: 'Emulated warehouse' }).isVisible());
    await page.context().close();
  });

  it('shows no label when no posting comes from the sample source', async function () {
    const page = await open(pages.collected);
    assert.equal(await page.locator('#generated-banner').count(), 0);
    // biome-ignore lint/performance/useDomNodeTextContent: textContent would add the inline scripts' text
    assert.doesNotMatch(await page.locator('body').innerText(), /generated postings/i);
    assert.equal(
      await page.locator('#kpis .kpi b').first().textContent(),
      '120',
      'the page was drawn from the collected postings',
    );
    await page.context().close();
  });
});
