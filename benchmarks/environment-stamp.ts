/** What every results file records about the tool and the machine it ran on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Results } from '../results/schema.ts';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function toolStamp(): Results['tool'] {
  let gitSha: string | null = null;
  try {
    gitSha = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: new URL('..', import.meta.url),
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    gitSha = null; // not a git checkout (e.g. an unpacked release bundle)
  }
  return { version: packageJson.version, gitSha };
}

export function machineStamp(): Results['machine'] {
  return {
    cpus: os.cpus().length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}
