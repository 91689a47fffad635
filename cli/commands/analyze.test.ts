import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeAnalysis } from '../../analysis/analysis-store.ts';
import { renderAnalysisMarkdown } from '../../analysis/render-markdown.ts';
import { analyzeMarket } from '../../analysis/report.ts';
import type { MarketSnapshot } from '../../results/market-snapshot.ts';
import { exitCodeFor } from '../usage-error.ts';
import { analyzeCommand } from './analyze.ts';

/** Run ids and provider names an edited or foreign snapshot file could carry. */
const HOSTILE_IDENTIFIERS = [
  '../../../x',
  '../x',
  '..',
  '.',
  '',
  '/tmp/jobbench-absolute',
  'a/b',
  'a\\..\\..\\b',
  'x\u0000y',
  '.hidden',
  ' x',
  'x\ny',
  `${'a'.repeat(200)}`,
];

function snapshot(runId: string, provider = 'local'): MarketSnapshot {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    id: `p${i}`,
    source: 'sample',
    posted_day: '2026-11-20',
    company: 'Acme',
    region: 'Bretagne',
    departement: '35',
    city: null,
    contract_type: 'permanent',
    working_time: 'full-time',
    remote: 'hybrid',
    seniority: 'senior',
    salary_min: 40_000 + i * 1000,
    salary_max: 50_000 + i * 1000,
    salary_predicted: false,
    skills: 'python|sql',
  }));
  return {
    snapshotVersion: 1,
    runId,
    provider,
    generatedAt: '2026-11-28T10:00:00.000Z',
    queries: { market_postings: rows },
  };
}

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('jobbench analyze: identifiers from the snapshot file', function () {
  let root: string;
  let cwd: string;
  let out = '';
  const io = () => ({ stdout: (t: string) => void (out += t), stderr: () => {}, cwd });

  beforeEach(async () => {
    // The command runs three levels down, so "../../../x" from its out-dir stays inside `root`.
    root = await mkdtemp(path.join(os.tmpdir(), 'jobbench-analyze-cli-'));
    cwd = path.join(root, 'a', 'b', 'c');
    await mkdir(cwd, { recursive: true });
    out = '';
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('writes <runId>.json and .md into --out-dir for a real run id', async function () {
    await writeFile(path.join(cwd, 'snap.json'), JSON.stringify(snapshot('20261128T100000Z-abc123')));
    assert.equal(await analyzeCommand({ snapshot: 'snap.json', outDir: 'out', json: false }, io()), 0);
    assert.deepEqual(await filesUnder(root), [
      'a/b/c/out/20261128T100000Z-abc123.json',
      'a/b/c/out/20261128T100000Z-abc123.md',
      'a/b/c/snap.json',
    ]);
  });

  it('refuses a run id or provider that is not one plain file name: exit 2, one line, nothing written', async function () {
    const tried = [
      ...HOSTILE_IDENTIFIERS.map((id) => snapshot(id)),
      ...HOSTILE_IDENTIFIERS.map((p) => snapshot('20261128T100000Z-abc123', p)),
    ];
    for (const hostile of tried) {
      await writeFile(path.join(cwd, 'snap.json'), JSON.stringify(hostile));
      const error = await analyzeCommand({ snapshot: 'snap.json', outDir: 'out', json: false }, io()).then(
        () =>
          assert.fail(`accepted runId ${JSON.stringify(hostile.runId)} provider ${JSON.stringify(hostile.provider)}`),
        (e: unknown) => e as Error,
      );
      assert.equal(exitCodeFor(error), 2);
      assert.match(error.message, /(run id|provider) .* cannot be used as a file name/);
      assert.doesNotMatch(error.message, /\n/);
      assert.deepEqual(
        await filesUnder(root),
        ['a/b/c/snap.json'],
        `runId ${JSON.stringify(hostile.runId)} wrote a file`,
      );
    }
    assert.equal(out, '');
  });

  it('the analysis store itself refuses a hostile run id, however the report was built', async function () {
    const report = analyzeMarket(snapshot('20261128T100000Z-abc123'));
    for (const runId of HOSTILE_IDENTIFIERS) {
      const hostile = { ...report, runId };
      await assert.rejects(
        writeAnalysis(hostile, renderAnalysisMarkdown(hostile), path.join(cwd, 'out')),
        /run id .* cannot be used as a file name/,
      );
    }
    assert.deepEqual(await filesUnder(root), []);
  });
});
