/** Declares `jobbench compare A.json B.json`; the comparison loads only when the command runs. */
import type { Command } from 'commander';
import type { CommandContext } from '../command.ts';

interface CompareFlags {
  json?: true;
}

export function registerCompare(program: Command, context: CommandContext): void {
  program
    .command('compare')
    .description('per-scenario differences between two results files, with confidence intervals')
    .argument('<a>', 'baseline results file')
    .argument('<b>', 'results file to compare with it')
    .option('--json', 'print the comparison as JSON')
    .action(async (a: string, b: string, flags: CompareFlags) => {
      const { compareCommand } = await import('./compare.ts');
      context.setExitCode(await compareCommand({ a, b, json: Boolean(flags.json) }, context.io));
    });
}
