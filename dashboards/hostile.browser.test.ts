/**
 * Both dashboards built from hostile data (fixtures/hostile-fixture.ts) and opened in
 * Chromium: markup in a company, skill, provider or scenario name must show as text —
 * no live link, no restyled chart, no script — in the drawn charts, in their hover
 * labels and in the Bokeh table.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeMarketSnapshot } from '../results/market-snapshot.ts';
import type { Results } from '../results/schema.ts';
import { writeResults } from '../results/store.ts';
import { EVIL_HOST, HOSTILE_TEXT, hostilePostings, hostileRunHistory } from './fixtures/hostile-fixture.ts';
import { makeMarketSnapshot } from './fixtures/market-fixture.ts';
import { buildDashboards, type BuiltDashboards } from './index.ts';
import { needs } from '../test/support/needs.ts';

interface Findings {
  /** Links (HTML or SVG) that point at the phishing host or run script. */
  links: string[];
  /** Elements styled by the hostile `<span style>`, and the first one's parent. */
  styled: number;
  styledSample: string;
  /** Images the markup would have created. */
  images: number;
  pwned: boolean;
  /** Hover labels drawn. */
  hovers: number;
  /** All text of the figures and their hover labels. */
  text: string;
  /** Text of the Bokeh table's cells (the job-market page). */
  tableText: string;
}

/**
 * Hovers the first points of every trace of every figure (Plotly draws hover labels
 * from templates only then), then collects what an attacker would want to see in the
 * page. A string, not a function: tsx would wrap inner functions in a helper the page
 * does not have.
 */
const INSPECT = `(async () => {
  const isEvil = (a) => {
    const href = a.getAttribute('href') || a.getAttribute('xlink:href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '';
    return href.includes('${EVIL_HOST}') || /^\\s*javascript:/i.test(href) ? href : null;
  };
  const links = [];
  let styled = 0;
  let styledSample = '';
  const hovered = [];
  // Bokeh draws inside shadow roots, which querySelectorAll does not enter: walk them too.
  const roots = (root) => [root, ...Array.from(root.querySelectorAll('*')).filter((e) => e.shadowRoot).flatMap((e) => roots(e.shadowRoot))];
  const all = (root, selector) => roots(root).flatMap((r) => Array.from(r.querySelectorAll(selector)));
  const look = (root) => {
    for (const a of all(root, 'a')) { const href = isEvil(a); if (href) links.push(href); }
    const restyled = all(root, '[style*="font-size:200px"], [style*="font-size: 200px"]');
    styled += restyled.length;
    if (restyled[0] && !styledSample) styledSample = restyled[0].parentNode.outerHTML || restyled[0].outerHTML;
  };
  for (const fig of Array.from(document.querySelectorAll('.fig'))) {
    const traces = fig.data || [];
    for (let curve = 0; curve < traces.length; curve++) {
      for (let point = 0; point < 3; point++) {
        try { window.Plotly.Fx.hover(fig, [{ curveNumber: curve, pointNumber: point }]); } catch (e) { continue; }
        const layer = fig.querySelector('.hoverlayer');
        if (!layer) continue;
        look(layer);
        hovered.push(layer.textContent || '');
      }
    }
    try { window.Plotly.Fx.unhover(fig); } catch (e) {}
  }
  look(document);
  return {
    links,
    styled,
    styledSample,
    images: all(document, 'img').length,
    pwned: window.__pwned === 1,
    hovers: hovered.length,
    text: Array.from(document.querySelectorAll('.fig')).map((n) => n.textContent).join('\\n') + hovered.join('\\n'),
    tableText: all(document, '.slick-cell').map((n) => n.textContent).join('\\n'),
  };
})()`;

async function inspect(
  browser: Browser,
  file: string,
): Promise<{ page: Page; findings: Findings; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  await page.route('**/*', (route) =>
    /^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
  );
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, undefined, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', `page failed: ${errors.join('; ')}`);
  const findings = (await page.evaluate(INSPECT)) as Findings;
  return { page, findings, errors, dialogs };
}

describe('dashboards: hostile labels in a real browser', function () {
  this.timeout(240_000);
  let dir: string;
  let built: BuiltDashboards;
  let runs: Results[];
  let browser: Browser;

  before(async function () {
    needs(this, 'browser');
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-dashboards-hostile-'));
    runs = hostileRunHistory();
    for (const run of runs) await writeResults(run, path.join(dir, 'results'));
    await writeMarketSnapshot(
      await makeMarketSnapshot(runs[runs.length - 1]!.runId, hostilePostings()),
      path.join(dir, 'results'),
    );
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

  for (const which of ['jobMarket', 'cloudComparison'] as const) {
    it(`${which}: markup in the data shows as text, never as a link, a style or a script`, async function () {
      const { page, findings, errors, dialogs } = await inspect(browser, built[which]!);
      assert.equal(findings.links.length, 0, `live links from the data, e.g. ${findings.links[0]}`);
      assert.equal(findings.styled, 0, `elements restyled by the data, e.g. ${findings.styledSample.slice(0, 300)}`);
      assert.equal(findings.images, 0, 'images created from the data');
      assert.equal(findings.pwned, false, 'script from the data ran');
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      // Escaped, not dropped: the reader sees what the source sent.
      assert.ok(findings.text.includes(HOSTILE_TEXT[0]), `${which} does not show the hostile name as text`);
      assert.ok(findings.text.includes('&lt;script&gt;'), `${which} decoded text escaped once by the source`);
      assert.ok(findings.hovers > 20, `only ${findings.hovers} hover labels drawn`);
      if (which === 'jobMarket')
        assert.ok(
          findings.tableText.includes(HOSTILE_TEXT[0]),
          'the Bokeh table does not show the hostile company as text',
        );
      await page.context().close();
    });
  }
});
