/**
 * Ctrl-C (SIGINT) or SIGTERM during a run. Node's default ends the process with no word;
 * this says what the run kept and how to continue it, then exits with the code a shell
 * expects of that signal (128 + its number: 130, 143).
 *
 * It exits at once rather than winding the run down: every stored page and stage is
 * checkpointed in the run manifest as it happens, and a resume trusts nothing the
 * manifest does not record (benchmarks/reliability kills runs at five points to prove it).
 */
import type { Io } from './io.ts';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type InterruptSignal = keyof typeof EXIT_CODES;

/** Installs the handlers; the returned function removes them (call it when the run ends). */
export function onInterrupt(io: Io, describe: (signal: InterruptSignal) => string): () => void {
  const installed = (Object.keys(EXIT_CODES) as InterruptSignal[]).map((signal) => {
    const handler = () => {
      io.stderr(describe(signal)); // synchronous on pipes, files and terminals on POSIX: written before the exit
      process.exit(EXIT_CODES[signal]);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of installed) process.off(signal, handler);
  };
}
