/**
 * Declares `jobbench export`: `--format parquet|csv` or `--bundle NAME.zip`, one of the two.
 * The warehouse, Parquet writer and bundle load only when the command runs.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../command.ts';
import { DEFAULT_DIRS, DEFAULT_PROVIDER } from '../defaults.ts';
import { UsageError } from '../usage-error.ts';
import type { ExportDataOptions } from './export.ts';

interface ExportFlags {
  format?: string;
  out?: string;
  provider: string;
  dataDir: string;
  bundle?: string;
}

export function registerExport(program: Command, context: CommandContext): void {
  program
    .command('export')
    .description('the warehouse postings as Parquet or CSV (--format), or the release bundle (--bundle)')
    .option('--format <format>', 'parquet or csv')
    .option('--out <file>', 'output file (default results/export/market_postings.<format>)')
    .option('--provider <name>', 'provider whose warehouse is read', DEFAULT_PROVIDER)
    .option('--data-dir <dir>', 'local provider data directory', DEFAULT_DIRS.data)
    .option('--bundle <zip>', 'write one archive with docs, dashboards, results, analysis and slides')
    .action(async (flags: ExportFlags) => {
      const { defaultExportFile, exportBundleCommand, exportDataCommand } = await import('./export.ts');
      if (flags.bundle !== undefined && flags.format !== undefined) {
        throw new UsageError('give either --format or --bundle, not both');
      }
      if (flags.bundle !== undefined) {
        context.setExitCode(await exportBundleCommand({ bundle: flags.bundle }, context.io));
        return;
      }
      const format = flags.format;
      if (format !== 'parquet' && format !== 'csv') {
        throw new UsageError('export needs --format parquet|csv or --bundle NAME.zip');
      }
      const { provider, dataDir } = flags;
      const options: ExportDataOptions = { format, out: flags.out ?? defaultExportFile(format), provider, dataDir };
      context.setExitCode(await exportDataCommand(options, context.io));
    });
}
