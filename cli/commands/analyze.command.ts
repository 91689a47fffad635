/** Declares `jobbench analyze`; the analysis loads only when the command runs. */
import type { Command } from 'commander';
import type { CommandContext } from '../command.ts';
import { defaultResultsPath } from '../defaults.ts';

interface AnalyzeFlags {
  snapshot: string;
  outDir: string;
  json?: true;
}

export function registerAnalyze(program: Command, context: CommandContext): void {
  program
    .command('analyze')
    .description('statistics, outliers and skill clusters of the collected market; JSON + Markdown report')
    .option('--snapshot <file>', 'market snapshot written by jobbench run', defaultResultsPath('market-latest.json'))
    .option('--out-dir <dir>', 'where the report is written', defaultResultsPath('analysis'))
    .option('--json', 'print the report as JSON')
    .action(async (flags: AnalyzeFlags) => {
      const { analyzeCommand } = await import('./analyze.ts');
      const options = { snapshot: flags.snapshot, outDir: flags.outDir, json: Boolean(flags.json) };
      context.setExitCode(await analyzeCommand(options, context.io));
    });
}
