import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeAnalysis } from '../analysis/analysis-store.ts';
import { renderAnalysisMarkdown } from '../analysis/render-markdown.ts';
import { analyzeMarket } from '../analysis/report.ts';
import { fixtureMarketRows } from '../analysis/test-support/market-warehouse.ts';
import { validateResults } from '../results/validate.ts';
import { buildSlides } from './build.ts';
import { deckValues, fillTemplate } from './deck-content.ts';
import { slideResults } from './fixtures/results-fixture.ts';

describe('slides: deck from results and analysis', function () {
  this.timeout(5 * 60_000);
  let dir: string;
  let resultsFile: string;
  let analysisFile: string;

  before(async function () {
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-slides-'));
    resultsFile = path.join(dir, 'latest.json');
    await writeFile(resultsFile, JSON.stringify(validateResults(slideResults())));
    const report = analyzeMarket({
      snapshotVersion: 1, runId: '20261128T100000Z-abc123', provider: 'local', generatedAt: '2026-11-28T10:05:00.000Z',
      queries: { market_postings: await fixtureMarketRows(200) },
    });
    analysisFile = (await writeAnalysis(report, renderAnalysisMarkdown(report), path.join(dir, 'analysis'))).jsonFile;
  });
  after(async function () {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('fills every placeholder and labels emulated providers', async function () {
    const values = deckValues(slideResults(), null);
    assert.match(values.resultsTable!, /\*\*local \(emulated\)\*\*/);
    assert.match(values.resultsTable!, /\*\*azure\*\* \| failed: Azure storage refused &lt;the&gt; request/);
    assert.match(values.resultsTable!, /0\.0123 USD/);
    assert.match(values.latencyTable!, /`store.put` \| 1\.25 \/ 2\.50 \| 16 \/ 31/);
    assert.match(values.recommendation!, /no recommendation: only aws completed the run \(azure failed\)/);
    assert.match(values.recommendation!, /local \(reference\) \| not ranked/);
    assert.match(values.recommendation!, /cost 2/);
    assert.match(values.emulatedNote!, /Emulated: local, aws/);
    assert.match(values.marketSlide!, /run `jobbench analyze`/);
    assert.throws(() => fillTemplate('{{nope}}', values), /\{\{nope\}\}/);
  });

  it('writes deck.md and renders HTML (and the PDF when Chromium is installed)', async function () {
    const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
    const withPdf = existsSync(chrome);
    const out = path.join(dir, 'out');
    const built = await buildSlides({ resultsFile, analysisFile, outDir: out, pdf: withPdf });
    const deck = await readFile(built.markdown, 'utf8');
    assert.doesNotMatch(deck, /\{\{\w+\}\}/, 'no placeholder left');
    for (const title of ['## Context', '## Architecture', '## Technical decisions', '## Results per cloud', '## Recommendation', '## Future work']) {
      assert.ok(deck.includes(title), `deck has ${title}`);
    }
    assert.match(deck, /Generated sample data/);
    assert.match(deck, /200 postings, 133 with a salary/);
    const html = await readFile(built.html, 'utf8');
    assert.match(html, /Results per cloud/);
    assert.match(html, /local \(emulated\)/);
    assert.match(html, /Skill profiles/);
    assert.ok((html.match(/<section\b/g) ?? []).length >= 10, 'one section per slide');
    if (withPdf) {
      const pdf = await readFile(built.pdf!);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    }
  });
});
