/**
 * The `jobbench` command line: the program, its commands (each declared in its own file
 * under commands/, its code loaded only when it runs), and the mapping of failures to exit
 * codes (0 ok, 1 the work failed, 2 bad usage or configuration) with one clear line per
 * error (the stack only with --verbose). No logic lives here.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import type { CommandContext, RegisterCommand } from './command.ts';
import { registerAnalyze } from './commands/analyze.command.ts';
import { registerCollect } from './commands/collect.command.ts';
import { registerCompare } from './commands/compare.command.ts';
import { registerDashboards } from './commands/dashboards.command.ts';
import { registerEmulators } from './commands/emulators.command.ts';
import { registerExport } from './commands/export.command.ts';
import { registerInfra } from './commands/infra.command.ts';
import { registerPrices } from './commands/prices.command.ts';
import { registerRecommend } from './commands/recommend.command.ts';
import { registerResults } from './commands/results.command.ts';
import { registerRun } from './commands/run.command.ts';
import { registerTransform } from './commands/transform.command.ts';
import { processIo, type Io } from './io.ts';
import { exitCodeFor, oneLine } from './usage-error.ts';

/** In the order `jobbench --help` lists them. */
const COMMANDS: readonly RegisterCommand[] = [
  registerRun,
  registerCollect,
  registerTransform,
  registerRecommend,
  registerResults,
  registerDashboards,
  registerAnalyze,
  registerExport,
  registerCompare,
  registerEmulators,
  registerPrices,
  registerInfra,
];

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('jobbench')
    .description('Run one job-market data workload on AWS, GCP, Azure and a local stack; measure each; pick a cloud.')
    .version(await readVersion(), '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} });
  const context: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  for (const register of COMMANDS) register(program, context);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      if (error.exitCode === 0) return 0;
      // No command given (`jobbench`, `jobbench infra`): the help, already on stderr, is the message.
      if (error.code !== 'commander.help') io.stderr(`jobbench: ${error.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    io.stderr(`jobbench: ${oneLine(error)}\n`);
    if (argv.includes('--verbose') && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}

async function readVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
