/**
 * A lock file around `startEmulators`, so two processes starting at once (a test run and
 * a shell's `jobbench emulators start`) do not both launch servers and lose one set: the
 * second waits, then finds the first one's servers healthy and reuses them.
 */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from './processes.ts';
import { emulatorDir } from './state.ts';

export async function withStartLock<T>(root: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const file = path.join(emulatorDir(root), 'start.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      // A lock left by a process that died is stale: take it over.
      if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another process (pid ${holder}) is still starting the emulators`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}
