/**
 * `tsx perf/crash/run-crash-suite.ts [provider] [scale]`: the crash/resume
 * check at every boundary, one line per boundary. Exit 1 when any resume lost or
 * duplicated a posting. Emulated providers need the emulators' environment.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CRASH_BOUNDARIES } from '../../providers/layers/crash-hook.ts';
import { crashResumeCheck } from './crash-resume.ts';

const provider = process.argv[2] ?? 'local';
const scale = Number(process.argv[3] ?? 200);
let bad = 0;
for (const boundary of CRASH_BOUNDARIES) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-crash-'));
  try {
    const o = await crashResumeCheck({ boundary, workDir: dir, provider, scale });
    const ok = o.crashSignal === 'SIGKILL' && o.resumeExitCode === 0 && o.lost === 0 && o.duplicated === 0;
    if (!ok) bad++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${provider} killed at ${boundary.padEnd(15)} → resumed=${o.resumed} expected=${o.expected} rows=${o.warehouseRows} lost=${o.lost} duplicated=${o.duplicated}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
process.exitCode = bad > 0 ? 1 : 0;
