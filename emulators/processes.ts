/**
 * Process plumbing for the emulators: free loopback ports, detached servers whose output
 * goes to a log file, readiness polling and stopping by recorded pid.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';

/** Asks the kernel for a free loopback port (bind port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface SpawnedServer {
  pid: number;
}

/**
 * Starts a server in its own process group, detached from this process, so it outlives a
 * `jobbench emulators start` and can be stopped later by pid from another process.
 */
export function spawnDetached(
  command: string,
  args: readonly string[],
  options: { logFile: string; cwd: string; env?: NodeJS.ProcessEnv },
): SpawnedServer {
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    return { pid: child.pid };
  } finally {
    closeSync(fd);
  }
}

/** True when a process with this pid exists (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One HTTP GET; resolves with the status, or null when nothing answers. */
export async function probe(url: string, timeoutMs = 2000): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/**
 * Polls `url` until it answers below 500, the process dies, or `timeoutMs` passes.
 * Any answer counts (Azurite answers 403 to an unsigned request): the server is up.
 */
export async function waitReady(url: string, pid: number, timeoutMs: number, describe: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await probe(url);
    if (status !== null && status < 500) return;
    if (!isAlive(pid)) throw new Error(`${describe} exited during start-up`);
    if (Date.now() > deadline) throw new Error(`${describe} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM to the server's process group, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(pid: number, graceMs = 5000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig); // the group: detached servers lead their own
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  if (!isAlive(pid)) return;
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) signal('SIGKILL');
}
