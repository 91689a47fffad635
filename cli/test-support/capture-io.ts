/**
 * An `Io` for CLI tests that keeps what a command printed (`out`, `err`) instead of writing
 * it, in a given working directory and environment.
 */
import type { Io } from '../io.ts';

export function captureIo(cwd: string, env: Io['env'] = {}): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
    isTTY: false,
    env,
    cwd,
  };
  return io;
}
