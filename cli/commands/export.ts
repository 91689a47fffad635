/**
 * `jobbench export`: the warehouse's postings as a Parquet or CSV file for notebooks
 * (`--format`), or the release bundle zip (`--bundle`).
 */
import path from 'node:path';
import { buildReleaseBundle } from '../../analysis/export/release-bundle.ts';
import { ensureBundleDeck } from './bundle-deck.ts';
import { writePostingsTable, type TableFormat } from '../../analysis/export/postings-table.ts';
import { isProviderError, type ProviderName, type Row } from '../../providers/core/index.ts';
import { isProviderName, loadProvider } from '../../providers/registry.ts';
import type { Io } from '../io.ts';
import { UsageError } from '../usage-error.ts';

/** Where `--format` writes when `--out` is not given (the notebook's default input for parquet). */
export function defaultExportFile(format: TableFormat): string {
  return `results/export/market_postings.${format}`;
}

/** Above any realistic warehouse: the export must hold every posting, not the dashboard's default page. */
const ALL_ROWS = 100_000_000;

export interface ExportDataOptions {
  format: TableFormat;
  /** Output file (default `results/export/market_postings.<format>`). */
  out: string;
  /** Provider whose warehouse is read. */
  provider: string;
  /** Local provider data directory (default `.jobbench`). */
  dataDir: string;
}

export interface ExportBundleOptions {
  /** Zip file to write, e.g. `jobbench-release.zip`. */
  bundle: string;
}

type CommandIo = Pick<Io, 'stdout' | 'stderr' | 'cwd'> & Partial<Pick<Io, 'env'>>;

export async function exportDataCommand(options: ExportDataOptions, io: CommandIo): Promise<number> {
  if (options.format !== 'parquet' && options.format !== 'csv') {
    throw new UsageError(`--format takes parquet or csv, got "${String(options.format)}"`);
  }
  if (!isProviderName(options.provider)) {
    throw new UsageError(`unknown provider "${options.provider}" (local, aws, gcp or azure)`);
  }
  const factory = await loadProvider(options.provider as ProviderName);
  const provider = await factory.create({ env: io.env ?? process.env, dataDir: path.resolve(io.cwd, options.dataDir) });
  let rows: Row[];
  try {
    rows = await provider.warehouse.query('market_postings', { limit: ALL_ROWS });
  } catch (error) {
    if (isMissingTable(error)) {
      throw new UsageError(
        `The ${options.provider} warehouse has no tables yet: run \`jobbench run --provider ${options.provider}\` first.`,
      );
    }
    throw error;
  } finally {
    await provider.close();
  }
  if (rows.length === 0)
    io.stderr(
      `jobbench: the ${options.provider} warehouse holds no postings yet (run \`jobbench run\` first); writing an empty table\n`,
    );
  const written = await writePostingsTable(rows, options.format, path.resolve(io.cwd, options.out));
  io.stdout(
    `Exported ${written.rows} postings from the ${options.provider} warehouse to ${path.relative(io.cwd, written.file)} (${written.bytes} bytes)\n`,
  );
  return 0;
}

/**
 * A warehouse never loaded: Postgres SQLSTATE 42P01 undefined_table
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html), or a provider's
 * `not-found` (a BigQuery dataset that does not exist).
 */
function isMissingTable(error: unknown): boolean {
  if (isProviderError(error) && error.code === 'not-found') return true;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === '42P01';
}

export async function exportBundleCommand(options: ExportBundleOptions, io: CommandIo): Promise<number> {
  if (!options.bundle.toLowerCase().endsWith('.zip'))
    throw new UsageError(`--bundle takes a .zip file name, got "${options.bundle}"`);
  const deck = await ensureBundleDeck(io.cwd, io);
  if (deck === 'built') io.stdout('Built the deck (and the analysis it reads) from the latest results: slides/out/\n');
  const info = await buildReleaseBundle({ root: io.cwd, out: path.resolve(io.cwd, options.bundle) });
  const code = info.commit
    ? `code from git commit ${info.commit.slice(0, 12)}`
    : 'no code (not the top of a git checkout)';
  io.stdout(
    `Bundle ${path.relative(io.cwd, info.file)}: ${info.included.length} files (${code}), ${info.bytes} bytes; checksums in MANIFEST.txt and SHA256SUMS\n`,
  );
  if (info.missing.length > 0) io.stdout(`Not built, listed in MANIFEST.txt: ${info.missing.join(', ')}\n`);
  if (info.skipped.length > 0) {
    io.stderr(
      `jobbench: left out of the bundle (symbolic links or misleading names, listed in MANIFEST.txt): ${info.skipped.map((x) => JSON.stringify(x.path)).join(', ')}\n`,
    );
  }
  return 0;
}

/** One entry point for both forms: `--bundle NAME.zip` or `--format parquet|csv`. */
export async function exportCommand(options: ExportDataOptions | ExportBundleOptions, io: CommandIo): Promise<number> {
  return 'bundle' in options ? exportBundleCommand(options, io) : exportDataCommand(options, io);
}
