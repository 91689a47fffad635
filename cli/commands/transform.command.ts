/** Declares `jobbench transform`; the parsers load only when the command runs. */
import type { Command } from 'commander';
import { SOURCE_NAMES } from '../../pipeline/sources/source.ts';
import type { CommandContext } from '../command.ts';

interface TransformFlags {
  source: string;
  pageUrl?: string;
}

export function registerTransform(program: Command, context: CommandContext): void {
  program
    .command('transform')
    .description('raw payload file(s) → canonical postings as NDJSON on stdout; problems on stderr')
    .requiredOption('--source <name>', `the source the files came from: ${SOURCE_NAMES.join(', ')}`)
    .option(
      '--page-url <url>',
      "the URL a saved HTML page was fetched from: its postings' identity when they name none (one FILE)",
    )
    .argument('<files...>', 'raw payload files')
    .action(async (files: string[], flags: TransformFlags) => {
      const { transformCommand } = await import('./transform.ts');
      const pageUrl = flags.pageUrl !== undefined ? { pageUrl: flags.pageUrl } : {};
      context.setExitCode(await transformCommand({ source: flags.source, files, ...pageUrl }, context.io));
    });
}
