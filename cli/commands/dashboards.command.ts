/** Declares `jobbench dashboards`; the chart libraries load only when the command runs. */
import type { Command } from 'commander';
import type { CommandContext } from '../command.ts';
import { DEFAULT_DIRS } from '../defaults.ts';

interface DashboardsFlags {
  results: string;
  out: string;
}

export function registerDashboards(program: Command, context: CommandContext): void {
  program
    .command('dashboards')
    .description('rebuild the HTML dashboards (job market, cloud comparison) from stored results')
    .option('--results <dir>', 'results directory', DEFAULT_DIRS.results)
    .option('--out <dir>', 'where the HTML files are written', DEFAULT_DIRS.dashboards)
    .action(async (flags: DashboardsFlags) => {
      const { dashboardsCommand } = await import('./dashboards.ts');
      context.setExitCode(await dashboardsCommand({ resultsDir: flags.results, outDir: flags.out }, context.io));
    });
}
