/**
 * What every command file exports: a function that declares the command and its options on
 * the program. The action imports the command's code only when that command runs, so
 * `jobbench --help` (or any other command) loads no SDK, chart library or cdktf it does not use.
 */
import type { Command } from 'commander';
import type { Io } from './io.ts';

export interface CommandContext {
  io: Io;
  /** The exit code of the command that ran: `main` returns it. */
  setExitCode(code: number): void;
}

export type RegisterCommand = (program: Command, context: CommandContext) => void;
