/**
 * Wall time of one `jobbench` command, as a user starts it: `node bin/jobbench.js …` in a
 * fresh process, from spawn to exit. bin/jobbench.js runs dist/ when it exists (the
 * compiled code `npm run build` makes), else the sources through tsx; the bench measures
 * what it finds and says which (`entry`), so a missing or stale build is visible rather
 * than silently timed. JOBBENCH_FROM_SOURCE is cleared for the child: a bench started from
 * a test shell must still time the installed command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface CliTiming {
  ms: number;
  /** `dist` or `sources`: which copy of the code bin/jobbench.js ran. */
  entry: 'dist' | 'sources';
}

export function timeCli(root: string, args: readonly string[]): CliTiming {
  const env = { ...process.env };
  delete env.JOBBENCH_FROM_SOURCE;
  const started = performance.now();
  const child = spawnSync(process.execPath, [path.join(root, 'bin', 'jobbench.js'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60_000,
  });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`jobbench ${args.join(' ')} exited ${child.status}: ${String(child.stderr).trim().slice(0, 500)}`);
  return { ms, entry: existsSync(path.join(root, 'dist', 'cli', 'main.js')) ? 'dist' : 'sources' };
}
