import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MarketSnapshot } from '../results/market-snapshot.ts';
import { latestAnalysisFile, readAnalysis, writeAnalysis } from './analysis-store.ts';
import { toMarketPosting } from './market-postings.ts';
import { renderAnalysisMarkdown } from './render-markdown.ts';
import { analyzeMarket } from './report.ts';

const SKILLS = ['python|machine learning|pytorch', 'power bi|sql|excel', 'spark|airflow|sql'];

function snapshot(): MarketSnapshot {
  const rows = Array.from({ length: 60 }, (_, i) => ({
    id: `p${String(i).padStart(3, '0')}`,
    source: i % 10 === 0 ? 'adzuna' : 'sample',
    posted_day: '2026-11-20',
    company: 'Acme',
    region: i % 2 === 0 ? 'Île-de-France' : 'Bretagne',
    departement: i % 2 === 0 ? '75' : '35',
    city: null,
    contract_type: i % 3 === 0 ? null : 'permanent',
    working_time: 'full-time',
    remote: 'hybrid',
    seniority: (['junior', 'senior', null] as const)[i % 3]!,
    // 45k..54k midpoints, one 900k typo, every 4th posting without salary, one with only a max.
    salary_min: i === 7 ? 900_000 : i % 4 === 0 ? null : i === 5 ? null : 40_000 + (i % 10) * 1000,
    salary_max: i === 7 ? 900_000 : i % 4 === 0 ? null : 50_000 + (i % 10) * 1000,
    salary_predicted: i % 10 === 1,
    skills: SKILLS[i % 3]!,
  }));
  return {
    snapshotVersion: 1,
    runId: '20261128T100000Z-abc123',
    provider: 'local',
    generatedAt: '2026-11-28T10:00:00.000Z',
    queries: { market_postings: rows },
  };
}

describe('analysis: report', function () {
  const now = () => new Date('2026-11-28T12:00:00.000Z');

  it('parses market_postings rows: midpoints, one-sided ranges, skills', function () {
    const p = toMarketPosting({
      id: 'x',
      source: 'sample',
      salary_min: null,
      salary_max: 60000,
      skills: 'SQL| python |sql',
      salary_predicted: true,
      region: '',
    });
    assert.equal(p.salaryMid, 60_000);
    assert.deepEqual(p.skills, ['python', 'sql']);
    assert.equal(p.region, null);
    assert.equal(p.salaryPredicted, true);
    assert.equal(toMarketPosting({ id: 'y', salary_min: 0, salary_max: null }).salaryMid, null);
    assert.throws(() => toMarketPosting({ source: 'sample' }), /no id/);
  });

  it('flags the typo salary, counts it and keeps it out of the robust figures', function () {
    const report = analyzeMarket(snapshot(), { now });
    assert.equal(report.postings.total, 60);
    assert.equal(report.postings.withSalary, 45);
    assert.equal(report.postings.sources.adzuna, 6);
    assert.equal(report.salary.outliers.modifiedZCount, 1);
    assert.equal(report.salary.outliers.listed[0]!.id, 'p007');
    assert.equal(report.salary.outliers.listed[0]!.byModifiedZ, true);
    assert.equal(report.salary.all!.max, 900_000);
    assert.equal(report.salary.robust!.count, 44);
    assert.ok(report.salary.robust!.max < 100_000);
    assert.ok(report.salary.all!.mean - report.salary.robust!.mean > 15_000, 'the outlier pulls the plain mean');
    const senior = report.bySeniority.find((g) => g.group === 'senior')!;
    // p007 is i % 3 === 1 → senior
    assert.equal(senior.outliers, 1);
    assert.equal(senior.all!.count, senior.robust!.count + 1);
    assert.deepEqual(report.bySeniority.map((g) => g.group).sort(), ['junior', 'senior', 'unknown']);
    assert.equal(report.byContractType.find((g) => g.group === 'unknown')!.postings, 20);
    assert.equal(report.bySkill.find((g) => g.group === 'sql')!.postings, 40);
    assert.equal(report.generatedAt, '2026-11-28T12:00:00.000Z');
  });

  it('clusters the three skill profiles and survives a JSON round trip', function () {
    const report = analyzeMarket(snapshot(), { now });
    assert.equal(report.clustering.status, 'ok');
    if (report.clustering.status === 'ok') {
      assert.equal(report.clustering.clustered, 60);
      assert.equal(
        report.clustering.clusters.reduce((s, c) => s + c.size, 0),
        60,
      );
    }
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });

  it('renders Markdown with the figures', function () {
    const md = renderAnalysisMarkdown(analyzeMarket(snapshot(), { now }));
    assert.match(md, /# Job-market analysis — run 20261128T100000Z-abc123/);
    assert.match(md, /60 postings, 45 with a salary/);
    assert.match(md, /\| p007 \| sample \| 900,000 \|/);
    assert.match(md, /### By région/);
    assert.match(md, /\| Île-de-France \|/);
    assert.match(md, /k = \d has the highest silhouette/);
  });

  /** The report's first screen: the lines above its first section. */
  const firstScreen = (md: string) => md.slice(0, md.indexOf('\n## '));

  it('says on its first screen when postings are generated, with the share of a mixed run, and nothing otherwise', function () {
    const withSources = (source: (i: number) => string) => {
      const s = snapshot();
      s.queries.market_postings!.forEach((row, i) => {
        row.source = source(i);
      });
      return renderAnalysisMarkdown(analyzeMarket(s, { now }));
    };
    const mixed = firstScreen(renderAnalysisMarkdown(analyzeMarket(snapshot(), { now })));
    assert.match(
      mixed,
      /^> \*\*generated postings: the figures describe the generator, not the market — 54 of 60 postings \(90 %\) come from the generated sample source; the rest are collected \(adzuna 6\)\.\*\*$/m,
    );
    assert.match(
      firstScreen(withSources(() => 'sample')),
      /^> \*\*generated postings: the figures describe the generator, not the market\.\*\*$/m,
    );
    const collected = withSources((i) => (i % 2 === 0 ? 'adzuna' : 'francetravail'));
    assert.doesNotMatch(collected, /generated postings|generator|sample source/i);
    assert.match(firstScreen(collected), /Sources: adzuna 30, francetravail 30\./);
  });

  it('writes and reads back the report and its Markdown', async function () {
    const dir = await mkdtemp(path.join(tmpdir(), 'jobbench-analysis-'));
    try {
      const report = analyzeMarket(snapshot(), { now });
      const written = await writeAnalysis(report, renderAnalysisMarkdown(report), dir);
      assert.equal(path.basename(written.jsonFile), '20261128T100000Z-abc123.json');
      assert.deepEqual(await readAnalysis(written.jsonFile), report);
      assert.match(await readFile(written.markdownFile, 'utf8'), /Skill clusters/);
      assert.equal(await latestAnalysisFile(dir), written.jsonFile);
      assert.equal(await latestAnalysisFile(path.join(dir, 'none')), null);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps markup and links from the data as text in the Markdown', function () {
    const hostile = [
      '<a href="https://evil.example/phish">Acme</a>',
      '[click](https://evil.example/phish)',
      '<img src=x onerror=alert(1)>',
      '<b>bold</b> | pipe',
    ];
    const base = snapshot();
    const rows = base.queries.market_postings!.map((r, i) => ({
      ...r,
      source: hostile[i % 4]!,
      region: hostile[(i + 1) % 4]!,
      contract_type: hostile[(i + 2) % 4]!,
      seniority: hostile[(i + 3) % 4]!,
      skills: `${r.skills}|${hostile[i % 4]}`,
    }));
    const markdown = renderAnalysisMarkdown(analyzeMarket({ ...base, queries: { market_postings: rows } }, { now }));
    assert.match(markdown, /\\<a href="https:\/\/evil.example\/phish"\\>Acme\\<\/a\\>/, 'the name is kept, escaped');
    assert.doesNotMatch(markdown, /(^|[^\\])<[a-z/]/im, 'raw HTML from the data');
    assert.doesNotMatch(markdown, /(^|[^\\])\[[^\]\n]*[^\\]\]\(/m, 'a Markdown link from the data');
  });
});
