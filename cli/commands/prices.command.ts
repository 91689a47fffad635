/**
 * Declares `jobbench prices [refresh]`. Which options go with which form is checked here,
 * before the price files and vendor clients load.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../command.ts';
import { UsageError } from '../usage-error.ts';

interface PricesFlags {
  provider?: string;
  region?: string;
  json?: true;
  endpoint?: string;
  out?: string;
}

export function registerPrices(program: Command, context: CommandContext): void {
  program
    .command('prices')
    .description('the dated price table a run uses; "prices refresh" re-reads it from the vendor price list')
    .argument('[action]', 'refresh: read the vendor price list and write a new pinned price file')
    .option('--provider <name>', 'aws, gcp or azure')
    .option('--region <region>', 'a priced region of that provider (default: its default region)')
    .option('--json', 'print the tables as JSON')
    .option(
      '--endpoint <url>',
      'refresh: base URL of the price list (default: the vendor; env JOBBENCH_PRICES_ENDPOINT)',
    )
    .option('--out <file>', 'refresh: where the new price file is written (default: the pinned file)')
    .action(async (action: string | undefined, flags: PricesFlags) => {
      // An empty value counts as not given.
      if (action === 'refresh') {
        if (flags.region !== undefined || flags.json) {
          throw new UsageError('prices refresh takes --provider, --endpoint and --out');
        }
        const options = {
          provider: flags.provider,
          ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
          ...(flags.out ? { out: flags.out } : {}),
        };
        const { pricesRefreshCommand } = await import('./prices.ts');
        context.setExitCode(await pricesRefreshCommand(options, context.io));
        return;
      }
      if (action !== undefined) throw new UsageError(`prices takes no action but refresh, got "${action}"`);
      if (flags.endpoint !== undefined || flags.out !== undefined) {
        throw new UsageError('--endpoint and --out go with "prices refresh"');
      }
      const options = {
        ...(flags.provider ? { provider: flags.provider } : {}),
        ...(flags.region ? { region: flags.region } : {}),
        json: Boolean(flags.json),
      };
      const { pricesCommand } = await import('./prices.ts');
      context.setExitCode(await pricesCommand(options, context.io));
    });
}
