/**
 * The exploration notebook runs headless on a real export: a PGlite warehouse loaded with
 * fixture postings, exported by jobbench's own writer, then `jupyter nbconvert --execute`
 * in the pinned environment of tools/python/notebook.txt. The first run on a fresh
 * machine creates that environment (a few minutes).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureVenv, type PythonEnv } from '../tools/python/venv.ts';
import { writePostingsTable } from './export/postings-table.ts';
import { fixtureMarketRows } from './test-support/market-warehouse.ts';
import { needs } from '../test/support/needs.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOTEBOOK = path.join(ROOT, 'docs', 'exploration.ipynb');
const SURVEY =
  process.env.JOBBENCH_SURVEY_CSV ?? path.resolve(ROOT, '..', 'shared', 'data', 'ai-jobs-salaries-2025-01-19.csv');

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Notebook {
  nbformat: number;
  cells: { cell_type: string; source: string | string[]; outputs?: Output[] }[];
}

const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join('') : (t ?? ''));

describe('analysis: exploration notebook', function () {
  let dir: string;
  let python: PythonEnv;

  before(async function () {
    needs(this, 'python');
    this.timeout(20 * 60_000);
    python = await ensureVenv('notebook', { log: (line) => process.stderr.write(`  notebook: ${line}\n`) });
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-notebook-'));
    const rows = await fixtureMarketRows(400);
    await writePostingsTable(rows, 'parquet', path.join(dir, 'market_postings.parquet'));
    await writePostingsTable(rows, 'csv', path.join(dir, 'market_postings.csv'));
  });
  after(async function () {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function execute(exportFile: string, surveyFile: string, name: string): Promise<Notebook> {
    await run(
      python.bin('jupyter'),
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        NOTEBOOK,
        '--output-dir',
        dir,
        '--output',
        name,
        '--ExecutePreprocessor.timeout=300',
      ],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          JOBBENCH_EXPORT: exportFile,
          JOBBENCH_SURVEY_CSV: surveyFile,
          // A kernel spec from the user's own Jupyter setup must not replace the venv's kernel.
          JUPYTER_DATA_DIR: path.join(dir, 'jupyter-data'),
        },
      },
    );
    return JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Notebook;
  }

  const outputsOf = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs ?? []);
  const images = (nb: Notebook) => outputsOf(nb).filter((o) => o.data && 'image/png' in o.data).length;
  const text = (nb: Notebook) =>
    outputsOf(nb)
      .map((o) => joined(o.text) + joined(o.data?.['text/plain'] as string | string[] | undefined))
      .join('\n');

  it('is committed clean and reads its inputs from JOBBENCH_EXPORT and JOBBENCH_SURVEY_CSV', async function () {
    const nb = JSON.parse(await readFile(NOTEBOOK, 'utf8')) as Notebook;
    assert.equal(nb.nbformat, 4);
    assert.deepEqual(outputsOf(nb), [], 'no outputs committed');
    const source = nb.cells.map((c) => joined(c.source)).join('\n');
    assert.match(source, /JOBBENCH_EXPORT/);
    assert.match(source, /JOBBENCH_SURVEY_CSV/);
    assert.match(source, /foorilla\/ai-jobs-net-salaries/);
  });

  it('runs on the Parquet export, with the survey when it is present', async function () {
    this.timeout(10 * 60_000);
    const hasSurvey = existsSync(SURVEY);
    const nb = await execute(path.join(dir, 'market_postings.parquet'), SURVEY, 'parquet.ipynb');
    assert.deepEqual(
      outputsOf(nb)
        .filter((o) => o.output_type === 'error')
        .map((o) => `${o.ename}: ${o.evalue}`),
      [],
    );
    const out = text(nb);
    assert.match(out, /400 postings, 266 with a salary/);
    assert.match(out, /ALL postings come from the generated sample source/);
    if (hasSurvey) {
      assert.ok(images(nb) >= 7, `${images(nb)} images`);
      assert.match(out, /74,301 survey rows/);
      assert.match(out, /\[real survey\] median salary 2023\+: France/);
    } else {
      assert.ok(images(nb) >= 5, `${images(nb)} images`);
    }
  });

  it('runs on the CSV export and skips the survey cells when the file is absent', async function () {
    this.timeout(10 * 60_000);
    const nb = await execute(path.join(dir, 'market_postings.csv'), path.join(dir, 'no-such-survey.csv'), 'csv.ipynb');
    assert.deepEqual(
      outputsOf(nb)
        .filter((o) => o.output_type === 'error')
        .map((o) => `${o.ename}: ${o.evalue}`),
      [],
    );
    assert.ok(images(nb) >= 5, `${images(nb)} images`);
    const out = text(nb);
    assert.match(out, /400 postings, 266 with a salary/);
    assert.match(out, /Survey not found at .*no-such-survey\.csv/);
    assert.match(out, /\[real survey\] not loaded/);
  });
});
