/**
 * The peak resident set of `npm start` (`jobbench run --provider local`: 2,000 sample postings,
 * every scenario, the dashboards), as a user runs it: a fresh process in an empty directory,
 * running whatever bin/jobbench.js runs (dist/ when built). The process reports its own VmHWM
 * on exit through a preloaded module (peak-rss-on-exit.mjs), so the figure is the whole
 * process's, WebAssembly and worker threads included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface NpmStartRss {
  peakRssMb: number;
  entry: 'dist' | 'sources';
}

export async function npmStartPeakRss(root: string): Promise<NpmStartRss> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-npm-start-'));
  try {
    const file = path.join(dir, 'peak-rss-mb');
    const env: NodeJS.ProcessEnv = { ...process.env, JOBBENCH_PEAK_RSS_FILE: file };
    delete env.JOBBENCH_FROM_SOURCE; // the installed command, as `npm start` runs it
    const preload = pathToFileURL(path.join(root, 'perf', 'peak-rss-on-exit.mjs')).href;
    const child = spawnSync(
      process.execPath,
      ['--import', preload, path.join(root, 'bin', 'jobbench.js'), 'run', '--provider', 'local'],
      { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 15 * 60_000 },
    );
    if (child.status !== 0)
      throw new Error(`npm start exited ${child.status}: ${String(child.stderr).trim().slice(-500)}`);
    return {
      peakRssMb: Number(await readFile(file, 'utf8')),
      entry: existsSync(path.join(root, 'dist', 'cli', 'main.js')) ? 'dist' : 'sources',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
