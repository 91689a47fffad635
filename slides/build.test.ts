/**
 * Builds the deck from a fixture run the way `npm run slides` does (results, a market
 * snapshot of 300 generated and 120 adzuna postings loaded into a real PGlite warehouse,
 * no analysis yet) with Debian's Chromium, and reads what came out: the charts are real
 * PNGs exported by Plotly, every slide states only what the files hold, emulated and
 * generated data are labelled where they are shown, the PDF has one page per slide.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeMarketSnapshot } from '../dashboards/fixtures/market-fixture.ts';
import { loadFranceMap } from '../dashboards/market/france-map.ts';
import { analyzeMarket } from '../analysis/report.ts';
import { writeMarketSnapshot, type MarketSnapshot } from '../results/market-snapshot.ts';
import type { Results } from '../results/schema.ts';
import { writeResults } from '../results/store.ts';
import { validateResults } from '../results/validate.ts';
import { buildSlides, type BuiltSlides } from './build.ts';
import { GENERATED_LABEL, generatedLabel } from './deck-chart.ts';
import { marketCharts } from './market-charts.ts';
import { marketInputs } from './market-inputs.ts';
import { slideResults } from './fixtures/results-fixture.ts';
import { needs } from '../test/support/needs.ts';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The slides of deck.md (front matter removed), split where Marp splits them. */
function slidesOf(markdown: string): string[] {
  return markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split(/\n---\n/);
}

/** The PDF's text with its Flate streams inflated (Chromium keeps page objects in compressed object streams). */
function pdfObjects(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts = [raw];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a Flate stream (an image, a font): no page objects in it.
    }
  }
  return parts.join('\n');
}

const titleOf = (slide: string) => /^## (.+)$/m.exec(slide)?.[1] ?? /^# (.+)$/m.exec(slide)?.[1] ?? '';

describe('slides: the deck shows the run', function () {
  this.timeout(5 * 60_000);
  let dir: string;
  let results: Results;
  let snapshot: MarketSnapshot;
  let built: BuiltSlides;
  let markdown: string;
  let html: string;

  before(async function () {
    needs(this, 'browser');
    if (!existsSync(CHROME)) this.skip();
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-slides-'));
    results = validateResults(slideResults());
    await writeResults(results, path.join(dir, 'results'));
    snapshot = await makeMarketSnapshot(results.runId);
    await writeMarketSnapshot(snapshot, path.join(dir, 'results'));
    built = await buildSlides({
      resultsDir: path.join(dir, 'results'),
      outDir: path.join(dir, 'out'),
      pdf: true,
      chromePath: CHROME,
    });
    markdown = await readFile(built.markdown, 'utf8');
    html = await readFile(built.html, 'utf8');
  });
  after(async function () {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('makes the missing analysis itself and never says there is none', async function () {
    assert.equal(built.analyzed, true);
    assert.equal(built.analysisFile, path.join(dir, 'results', 'analysis', `${results.runId}.json`));
    assert.ok(
      existsSync(built.analysisFile!.replace(/\.json$/, '.md')),
      'the Markdown report is written too, as `jobbench analyze` does',
    );
    for (const text of [markdown, html])
      assert.doesNotMatch(text, /no analysis|jobbench analyze` first|run `jobbench analyze`/i);
    assert.match(markdown, /\*\*420 postings\*\*/, 'market figures from the analysis it made');
  });

  it('embeds at least 6 chart images exported by Plotly, each its own picture, 12 to 16 slides', function () {
    const images = [...html.matchAll(/<img[^>]+src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) =>
      Buffer.from(m[1]!, 'base64'),
    );
    assert.ok(images.length >= 6, `${images.length} chart images`);
    assert.equal(images.length, built.charts.length);
    for (const png of images) {
      const { width, height } = pngSize(png);
      assert.ok(width >= 1400 && height >= 700, `a chart is ${width}×${height}: not rendered at projector scale`);
      assert.ok(png.length > 20_000, `a chart of ${png.length} bytes is nearly empty`);
    }
    assert.equal(
      new Set(images.map((png) => createHash('sha256').update(png).digest('hex'))).size,
      images.length,
      'no two charts alike',
    );
    const sections = (html.match(/<section\b/g) ?? []).length;
    assert.ok(sections >= 12 && sections <= 16, `${sections} slides`);
    assert.equal(sections, slidesOf(markdown).length);
  });

  it('shows the cloud and market charts, each with one sentence of reading and notes naming its source', function () {
    const slides = slidesOf(markdown);
    const titles = slides.map(titleOf);
    for (const title of [
      'Latency per operation',
      'Cost of this run',
      'Cost per month at this volume',
      'Reliability',
      'Ranking of the clouds',
      'Top skills and their salary premium',
      'Salary by seniority',
      'Salary by région',
      'Postings by département',
      'Postings over time, by source',
      'Skill profiles',
    ]) {
      const slide = slides[titles.indexOf(title)];
      assert.ok(slide, `no slide "${title}" (slides: ${titles.join(' · ')})`);
      assert.match(slide, /!\[h:\d+\]\(data:image\/png;base64,/, `${title} has its chart`);
      assert.equal((slide.match(/<p class="reading">/g) ?? []).length, 1, `${title} has one reading`);
      assert.match(slide, /<!--\n[\s\S]*Source: [^\n]+\n-->/, `${title} has speaker notes with a source`);
    }
    assert.equal(
      (html.match(/class="bespoke-marp-note"/g) ?? []).length,
      slides.length,
      "Marp turned every slide's notes into presenter notes",
    );
    const latency = slides[titles.indexOf('Latency per operation')]!;
    assert.match(
      latency,
      /store\.put p95 ranges from 2\.50 ms on local \(emulated\) to 31 ms on aws \(emulated\)/,
      'reading from the fixture figures',
    );
  });

  it('labels emulated figures and generated postings on the slides that show them, and on the first', function () {
    const slides = slidesOf(markdown);
    const sample = (snapshot.queries.market_postings ?? []).filter((r) => r.source === 'sample').length;
    const share = `${Math.round((100 * sample) / (snapshot.queries.market_postings ?? []).length)} % of the postings`;
    const generated = `${GENERATED_LABEL} (${share})`;
    assert.ok(slides[0]!.includes(generated), 'first slide: generated postings');
    assert.match(slides[0]!, /measured on emulators: local, aws/, 'first slide: emulated providers');
    for (const slide of slides) {
      const title = titleOf(slide);
      if (/Latency|Cost|Reliability/.test(title)) assert.match(slide, /measured on emulators: local, aws/, title);
      if (/skills|Salary|département|over time|Skill profiles|job market/.test(title))
        assert.ok(slide.includes(generated), `${title} says the postings are generated`);
    }
    assert.match(html, /generated postings: the figures describe the generator, not the market/);
  });

  it('states what the results record about wrappers and never ranks local', function () {
    const deadlines = results.providers[0]!.reliability!.deadlines!;
    assert.ok(markdown.includes(`Operation deadlines: ${deadlines}`), 'deadlines as the run recorded them');
    assert.ok(markdown.includes(`Retries: ${results.providers[0]!.reliability!.retryPolicy}`));
    assert.doesNotMatch(
      markdown,
      /retry, timeout, chaos are wrappers|Metering, retry, timeout, chaos/i,
      'no claim the run does not back',
    );
    const ranking = slidesOf(markdown).find((s) => titleOf(s) === 'Ranking of the clouds')!;
    assert.match(ranking, /No recommendation: only aws completed the run \(azure failed\)/);
    assert.match(ranking, /#\d aws \(emulated\): score/, 'the ranked cloud in the notes');
    assert.doesNotMatch(ranking, /#\d local|Recommended[^\n]*local/, 'local is never a ranked choice');
    assert.match(ranking, /local \(reference, not ranked\)/);
  });

  it('renders a PDF in Chromium with one page per slide', async function () {
    const pdf = await readFile(built.pdf!);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = (pdfObjects(pdf).match(/\/Type\s*\/Page\b/g) ?? []).length;
    assert.equal(pages, slidesOf(markdown).length);
  });

  it('reuses a current analysis and redoes one made from an older snapshot of the run', async function () {
    const resultsDir = path.join(dir, 'results');
    assert.equal((await marketInputs(resultsDir, results.runId))!.analyzed, false);
    await writeMarketSnapshot({ ...snapshot, generatedAt: '2026-11-29T08:00:00.000Z' }, resultsDir);
    const redone = (await marketInputs(resultsDir, results.runId))!;
    assert.equal(redone.analyzed, true);
    assert.equal(redone.analysis.snapshotGeneratedAt, '2026-11-29T08:00:00.000Z');
    assert.equal(await marketInputs(resultsDir, 'another-run'), null, 'no snapshot of another run is used');
  });

  it('puts no generated label on market charts of real sources only', async function () {
    const real: MarketSnapshot = {
      ...snapshot,
      queries: {
        ...snapshot.queries,
        market_postings: (snapshot.queries.market_postings ?? []).filter((r) => r.source !== 'sample'),
      },
    };
    const charts = marketCharts(real, analyzeMarket(real), await loadFranceMap(), {
      snapshot: 's.json',
      analysis: 'a.json',
    });
    assert.ok(charts.length >= 5);
    for (const chart of charts) assert.deepEqual(chart.labels, [], chart.title);
    assert.equal(generatedLabel({ adzuna: 3 }), null);
    assert.equal(generatedLabel({ sample: 3 }), GENERATED_LABEL);
  });
});
