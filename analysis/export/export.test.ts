import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { fixtureMarketRows } from '../test-support/market-warehouse.ts';
import { MARKET_POSTING_COLUMNS, writePostingsTable } from './postings-table.ts';

const run = promisify(execFile);

describe('analysis: exports', function () {
  this.timeout(120_000);
  let dir: string;
  let rows: Awaited<ReturnType<typeof fixtureMarketRows>>;

  before(async function () {
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-export-'));
    rows = await fixtureMarketRows(120);
  });
  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every market_postings row to Parquet with typed, nullable columns', async function () {
    const file = path.join(dir, 'out', 'market_postings.parquet');
    const written = await writePostingsTable(rows, 'parquet', file);
    assert.equal(written.rows, 120);
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    assert.equal(Number(metadata.num_rows), 120);
    assert.deepEqual(
      metadata.schema.slice(1).map((s) => s.name),
      MARKET_POSTING_COLUMNS.map((c) => c.name),
    );
    const back = await parquetReadObjects({ file: buffer });
    const byId = new Map(back.map((r) => [r.id as string, r]));
    for (const original of rows) {
      const read = byId.get(original.id as string)!;
      assert.equal(read.salary_min, original.salary_min);
      assert.equal(read.salary_predicted, original.salary_predicted);
      assert.equal(read.skills, original.skills);
      assert.equal(read.region, original.region);
    }
    assert.ok(back.some((r) => r.salary_min === null) && back.some((r) => typeof r.salary_min === 'number'));
  });

  it('writes CSV with a header, quoting and empty cells for nulls', async function () {
    const file = path.join(dir, 'market_postings.csv');
    const written = await writePostingsTable(rows, 'csv', file);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    assert.equal(lines[0], MARKET_POSTING_COLUMNS.map((c) => c.name).join(','));
    assert.equal(lines.length, 121);
    assert.equal(written.rows, 120);
    assert.ok(lines.some((l) => l.includes('Île-de-France')));
    assert.ok(
      lines.slice(1).some((l) => /,,/.test(l)),
      'null cells are empty',
    );
  });
});

/** Cells a spreadsheet would run as a formula or DDE command (OWASP "CSV Injection"), and near misses. */
const FORMULA_CELLS = [
  '=HYPERLINK("https://evil.example/phish","click me")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C notepad'!'A1'",
  '=1+1',
  '+33 1 23 45 67 89 =1',
  '-',
];

/** Parses a CSV with Python's csv module, the way a notebook would. */
async function readCsv(file: string): Promise<string[][]> {
  const script =
    'import csv,json,sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf8")))))';
  const { stdout } = await run(process.env.JOBBENCH_PYTHON ?? 'python3', ['-c', script, file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as string[][];
}

describe('analysis: CSV export against formula injection', function () {
  this.timeout(120_000);
  let dir: string;
  before(async function () {
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-csv-formula-'));
  });
  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("prefixes every text cell that starts with = + - @ tab or CR with ', and keeps numbers as numbers", async function () {
    const base = (await fixtureMarketRows(FORMULA_CELLS.length))!;
    const rows = base.map((r, i) => ({
      ...r,
      company: FORMULA_CELLS[i]!,
      city: FORMULA_CELLS[i]!,
      skills: FORMULA_CELLS[i]!,
      salary_min: -1500 - i,
      salary_max: 42_000,
      departement: i === 0 ? '-12' : (r.departement ?? null),
    }));
    const file = path.join(dir, 'hostile.csv');
    await writePostingsTable(rows, 'csv', file);
    const [header, ...cells] = await readCsv(file);
    const column = (name: string) => header!.indexOf(name);
    assert.equal(cells.length, FORMULA_CELLS.length);
    cells.forEach((line, i) => {
      for (const name of ['company', 'city', 'skills'])
        assert.equal(line[column(name)], `'${FORMULA_CELLS[i]}`, `${name} of row ${i}`);
      for (const cell of line)
        assert.doesNotMatch(
          cell,
          /^[=+\-@\t\r](?![\d.]+$)/,
          `row ${i} has a live formula cell ${JSON.stringify(cell)}`,
        );
      assert.equal(line[column('salary_min')], String(-1500 - i), 'a negative number stays a number');
    });
    assert.equal(cells[0]![column('departement')], '-12', 'a text cell holding only a number is not a formula');
    const text = await readFile(file, 'utf8');
    assert.match(text, /,-1500,42000,/, 'numbers are written unquoted');
  });
});
