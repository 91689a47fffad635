/** Declares `jobbench emulators start|stop|env`; the emulator manager loads only when the command runs. */
import type { Command } from 'commander';
import type { CommandContext } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import type { EmulatorsAction } from './emulators.ts';

const ACTIONS: readonly EmulatorsAction[] = ['start', 'stop', 'env'];
const isAction = (value: string): value is EmulatorsAction => (ACTIONS as readonly string[]).includes(value);

export function registerEmulators(program: Command, context: CommandContext): void {
  program
    .command('emulators')
    .description('local emulators for every cloud API (moto S3, fake-gcs-server, bqemulator, Azurite, PostgreSQL)')
    .argument('<action>', 'start, stop or env')
    .action(async (action: string) => {
      if (!isAction(action)) throw new UsageError(`emulators takes start, stop or env, got "${action}"`);
      const { emulatorsCommand } = await import('./emulators.ts');
      context.setExitCode(await emulatorsCommand(action, context.io));
    });
}
