/**
 * The deck's charts as PNG files: Debian's Chromium (driven by playwright-core, never a
 * downloaded browser) runs Plotly's own image export on each figure, restyled for a
 * projector. Written to `<outDir>/charts/<id>.png` and returned for embedding.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { renderFigureImages } from '../dashboards/render/figure-image.ts';
import type { DeckChart } from './deck-chart.ts';
import { forProjector } from './projector-layout.ts';

export interface ChartImage {
  chart: DeckChart;
  file: string;
  png: Buffer;
}

/** Pixel density of the PNGs: twice the layout size stays sharp on a projector. */
const SCALE = 2;

export async function renderChartImages(
  charts: readonly DeckChart[],
  outDir: string,
  chromePath: string,
): Promise<ChartImage[]> {
  const browser = await chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const pngs = await renderFigureImages(
      page,
      charts.map((c) => ({ figure: forProjector(c.figure), width: c.width, height: c.height })),
      { format: 'png', scale: SCALE },
    );
    const dir = path.join(outDir, 'charts');
    await mkdir(dir, { recursive: true });
    return await Promise.all(
      charts.map(async (chart, i) => {
        const file = path.join(dir, `${chart.id}.png`);
        await writeFile(file, pngs[i]!);
        return { chart, file, png: pngs[i]! };
      }),
    );
  } finally {
    await browser.close();
  }
}
