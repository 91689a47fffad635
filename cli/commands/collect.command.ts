/**
 * Declares `jobbench collect`: extract only, into one provider's lake — what a scheduled
 * collector runs. The SDKs load only when the command runs.
 */
import { Option, type Command } from 'commander';
import { SOURCE_SECRET_ID_VARIABLE } from '../../pipeline/source-keys.ts';
import { PROVIDER_NAMES, type ProviderName } from '../../providers/core/provider.ts';
import type { CommandContext } from '../command.ts';
import { withWorkloadOptions } from '../workload-options.ts';
import { DEFAULT_DIRS, DEFAULT_PROVIDER } from '../defaults.ts';

interface CollectFlags {
  provider: ProviderName;
  sources: string[];
  scale: number;
  seed: number;
  secretId?: string;
  dataDir: string;
  json?: true;
  verbose?: true;
}

export function registerCollect(program: Command, context: CommandContext): void {
  withWorkloadOptions(
    program
      .command('collect')
      .description("extract only: the sources' pages into the lake's raw/, with the run manifest and cursors")
      .addOption(
        new Option('--provider <name>', 'the lake to collect into').choices(PROVIDER_NAMES).default(DEFAULT_PROVIDER),
      ),
  )
    .option(
      '--secret-id <id>',
      `the cloud secret holding the sources' API keys (default: $${SOURCE_SECRET_ID_VARIABLE})`,
    )
    .option('--data-dir <dir>', 'local provider data directory', DEFAULT_DIRS.data)
    .option('--json', 'print what was collected as JSON on stdout')
    .option('--verbose', 'show debug events and stack traces')
    .action(async (flags: CollectFlags) => {
      const { collectCommand } = await import('./collect.ts');
      const secretId = flags.secretId ?? context.io.env[SOURCE_SECRET_ID_VARIABLE];
      context.setExitCode(
        await collectCommand(
          {
            provider: flags.provider,
            workload: { sources: flags.sources, scale: flags.scale, seed: flags.seed },
            dataDir: flags.dataDir,
            json: Boolean(flags.json),
            verbose: Boolean(flags.verbose),
            ...(secretId ? { secretId } : {}),
          },
          context.io,
        ),
      );
    });
}
