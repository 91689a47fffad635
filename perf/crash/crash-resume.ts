/**
 * The crash/resume check: start `jobbench run` as a child process on a fresh data
 * directory with the crash hook armed at a stage boundary, let it kill itself with
 * SIGKILL, then `jobbench run --resume <runId>` and read the results: the resumed run
 * must verify lost = 0 and duplicated = 0 (every clean posting in the warehouse exactly
 * once, by id and content hash — pipeline/stages/verify/verify-load.ts).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProviderName, loadProvider } from '../../providers/registry.ts';
import { newRunId } from '../../pipeline/lake/lake-layout.ts';
import { CRASH_ENV } from '../../providers/layers/crash-hook.ts';

const BIN = fileURLToPath(new URL('../../bin/jobbench.js', import.meta.url));

export interface CrashResumeOptions {
  /** Boundary of the crash hook (`extract-page:3`, `extract`, `transform`, `load-commit`, `load`). */
  boundary: string;
  /** Fresh directory for the lake, warehouse and results. */
  workDir: string;
  provider?: string;
  scale?: number;
  /** Extra `jobbench run` arguments for both runs. */
  extraArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

export interface CrashResumeOutcome {
  boundary: string;
  runId: string;
  /** How the first process ended (SIGKILL expected). */
  crashSignal: NodeJS.Signals | null;
  crashExitCode: number | null;
  resumeExitCode: number | null;
  resumed: boolean;
  lost: number;
  duplicated: number;
  expected: number;
  warehouseRows: number;
}

function run(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export async function crashResumeCheck(options: CrashResumeOptions): Promise<CrashResumeOutcome> {
  const provider = options.provider ?? 'local';
  const dataDir = path.join(options.workDir, 'data');
  const resultsDir = path.join(options.workDir, 'results');
  // The boundaries are the pipeline's: the benchmark scenarios after it would only add time.
  const base = [
    'run',
    '--provider',
    provider,
    '--scale',
    String(options.scale ?? 150),
    '--data-dir',
    dataDir,
    '--results-dir',
    resultsDir,
    '--json',
    '--no-scenarios',
    '--repetitions',
    '2',
    ...(options.extraArgs ?? []),
  ];
  // The crash checks run this checkout's sources, never a dist/ build that may predate them.
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), JOBBENCH_FROM_SOURCE: '1' };
  delete env[CRASH_ENV];
  const floor = newRunId(new Date(Date.now() - 1000), () => 0);
  const crashed = await run(base, { ...env, [CRASH_ENV]: options.boundary });
  // The run id: the one manifest in a fresh local lake, else the newest run started
  // after the child (a cloud lake is shared, run ids sort by start time).
  const local = await readdir(path.join(dataDir, 'lake', 'runs')).catch(() => [] as string[]);
  const runId = local[0] ?? (await newestRunSince(provider, env, dataDir, floor));
  if (!runId)
    throw new Error(
      `the crashed run left no manifest (exit ${crashed.code}, signal ${crashed.signal}): ${crashed.stderr.slice(-500)}`,
    );
  const resumed = await run([...base, '--resume', runId], env);
  let results: {
    providers: Array<{
      pipeline: { resumed: boolean; warehouseRows: number; transformed: number } | null;
      reliability: { lost: number; duplicated: number } | null;
    }>;
  };
  try {
    results = JSON.parse(resumed.stdout) as typeof results;
  } catch {
    results = JSON.parse(await readFile(path.join(resultsDir, 'latest.json'), 'utf8')) as typeof results;
  }
  const p = results.providers[0];
  return {
    boundary: options.boundary,
    runId,
    crashSignal: crashed.signal,
    crashExitCode: crashed.code,
    resumeExitCode: resumed.code,
    resumed: p?.pipeline?.resumed ?? false,
    lost: p?.reliability?.lost ?? Number.NaN,
    duplicated: p?.reliability?.duplicated ?? Number.NaN,
    expected: p?.pipeline?.transformed ?? 0,
    warehouseRows: p?.pipeline?.warehouseRows ?? 0,
  };
}

async function newestRunSince(
  provider: string,
  env: NodeJS.ProcessEnv,
  dataDir: string,
  floor: string,
): Promise<string | undefined> {
  if (!isProviderName(provider)) return undefined;
  const opened = await (await loadProvider(provider)).create({ env, dataDir });
  try {
    let newest: string | undefined;
    for await (const info of opened.store.list('runs/')) {
      const id = info.key.split('/')[1];
      if (id && id >= floor && (!newest || id > newest)) newest = id;
    }
    return newest;
  } finally {
    await opened.close();
  }
}
