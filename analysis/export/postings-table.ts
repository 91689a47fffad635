/**
 * Writes the warehouse's `market_postings` rows to a file a notebook can open: Parquet
 * (typed columns, Snappy-compressed, via hyparquet-writer: pure JavaScript, no native
 * build) or CSV (csv-stringify, RFC 4180 quoting; text that a spreadsheet would run as a
 * formula is prefixed with `'`, see csv-cell.ts). The column list is fixed so the file
 * has the same shape whichever warehouse answered.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { parquetWriteFile } from 'hyparquet-writer';
import { neutraliseFormula } from './csv-cell.ts';

export type TableFormat = 'parquet' | 'csv';
type Cell = string | number | boolean | null;
type ColumnType = 'STRING' | 'DOUBLE' | 'BOOLEAN';

/** The columns of `market_postings` (providers/postgres/analytic-queries.ts), in order. */
export const MARKET_POSTING_COLUMNS: readonly { name: string; type: ColumnType }[] = [
  { name: 'id', type: 'STRING' },
  { name: 'source', type: 'STRING' },
  { name: 'posted_day', type: 'STRING' },
  { name: 'company', type: 'STRING' },
  { name: 'region', type: 'STRING' },
  { name: 'departement', type: 'STRING' },
  { name: 'city', type: 'STRING' },
  { name: 'contract_type', type: 'STRING' },
  { name: 'working_time', type: 'STRING' },
  { name: 'remote', type: 'STRING' },
  { name: 'seniority', type: 'STRING' },
  { name: 'salary_min', type: 'DOUBLE' },
  { name: 'salary_max', type: 'DOUBLE' },
  { name: 'salary_predicted', type: 'BOOLEAN' },
  { name: 'skills', type: 'STRING' },
];

export interface WrittenTable {
  file: string;
  format: TableFormat;
  rows: number;
  bytes: number;
}

/** Coerces a cell to its column's type; anything unusable becomes null rather than a wrong value. */
function coerce(value: Cell | undefined, type: ColumnType): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'STRING':
      return String(value);
    case 'DOUBLE': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      return value === 'true' ? true : value === 'false' ? false : null;
  }
}

/** Text cells are neutralised for spreadsheets; numbers and booleans are typed, never formulas. */
function csvCell(value: string | number | boolean | null): string | number | boolean | null {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/** Writes `rows` to `file` in `format`, creating the directory; returns what was written. */
export async function writePostingsTable(
  rows: readonly Record<string, Cell>[],
  format: TableFormat,
  file: string,
): Promise<WrittenTable> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  if (format === 'parquet') {
    parquetWriteFile({
      filename: file,
      columnData: MARKET_POSTING_COLUMNS.map(({ name, type }) => ({
        name,
        type,
        nullable: true,
        data: rows.map((r) => coerce(r[name], type)),
      })),
      kvMetadata: [{ key: 'jobbench.table', value: 'market_postings' }],
      createdBy: 'jobbench export',
    });
  } else {
    const text = stringify(
      rows.map((r) => MARKET_POSTING_COLUMNS.map(({ name, type }) => csvCell(coerce(r[name], type)))),
      {
        header: true,
        columns: MARKET_POSTING_COLUMNS.map((c) => c.name),
        cast: { boolean: (v) => (v ? 'true' : 'false') },
      },
    );
    await writeFile(file, text);
  }
  return { file, format, rows: rows.length, bytes: (await stat(file)).size };
}
