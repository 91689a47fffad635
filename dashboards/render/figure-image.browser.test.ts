/**
 * The image export the deck uses, in Debian's Chromium: Plotly's own toImage draws a
 * dashboard figure to SVG (its text as the figure carries it) and to PNG at the asked
 * size and scale.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { stageDurationFigure } from '../cloud/cloud-figures.ts';
import { toCloudRunView } from '../cloud/cloud-data.ts';
import { makeRunHistory } from '../fixtures/results-fixture.ts';
import { providerColour } from '../palette.ts';
import { decodeDataUrl, renderFigureImages } from './figure-image.ts';
import { needs } from '../../test/support/needs.ts';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

describe('figure images with Plotly.toImage in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;

  before(async function () {
    needs(this, 'browser');
    if (!existsSync(CHROME)) this.skip();
    browser = await chromium.launch({
      executablePath: CHROME,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  after(async function () {
    await browser?.close();
  });

  it('renders a dashboard figure to SVG and to PNG at width × scale', async function () {
    const run = toCloudRunView(makeRunHistory().at(-1)!, providerColour);
    const figure = stageDurationFigure(run);
    const page = await browser.newPage();
    const [svg] = await renderFigureImages(page, [{ figure, width: 640, height: 360 }], { format: 'svg' });
    const text = svg!.toString('utf8');
    assert.match(text, /^<svg\b/);
    for (const p of run.providers.filter((x) => x.stages.length > 0))
      assert.ok(text.includes(p.label), `${p.label} drawn in the SVG`);
    const [png] = await renderFigureImages(page, [{ figure, width: 640, height: 360 }], { format: 'png', scale: 2 });
    assert.equal(png!.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png!.readUInt32BE(16), png!.readUInt32BE(20)], [1280, 720]);
  });

  it('refuses what is not a data URL', function () {
    assert.throws(() => decodeDataUrl('<svg/>'), /no data URL/);
    assert.equal(decodeDataUrl('data:image/svg+xml,%3Csvg%2F%3E').toString(), '<svg/>');
  });
});
