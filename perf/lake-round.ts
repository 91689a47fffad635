/** One interleaved round of the lake upload comparison (ours vs rclone) on moto S3. */
import { execFile } from 'node:child_process';
import { link, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { measureOurUpload, measureRclone, rcloneVersion, type S3Target } from './lake-upload.ts';
import type { PreparedRun } from './prepare-run.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUCKET = 'jobbench-perf';

export interface LakeBench {
  prepared: PreparedRun;
  target: S3Target | null;
  rcloneVersion: string | null;
  /** The raw files both sides upload (a prefix of the run's, in key order) and their bytes. */
  files: number;
  bytes: number;
  dir: string;
  /** Why the comparison cannot run (rclone or moto missing), or null. */
  skipped: string | null;
}

/** `export NAME='value'` lines of `jobbench emulators env|start` → a map. */
function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z0-9_]+)='((?:[^']|'\\'')*)'$/gm))
    env[match[1]!] = match[2]!.replaceAll("'\\''", "'");
  return env;
}

/**
 * The moto endpoint: from the environment (`eval "$(jobbench emulators env)"`), else from
 * the running emulators, else it starts them through the CLI — which, like
 * `jobbench emulators start`, leaves them running for the next caller.
 */
async function motoEndpoint(log: (line: string) => void): Promise<string | null> {
  if (process.env.AWS_ENDPOINT_URL_S3) return process.env.AWS_ENDPOINT_URL_S3;
  const cli = [path.join(ROOT, 'bin', 'jobbench.js'), 'emulators'];
  for (const action of ['env', 'start']) {
    if (action === 'start')
      log('starting the emulators (jobbench emulators start; stop them with jobbench emulators stop)…');
    const result = await run(process.execPath, [...cli, action], {
      cwd: ROOT,
      maxBuffer: 4 * 1024 * 1024,
      timeout: 20 * 60_000,
    }).catch(() => null);
    const endpoint = result ? parseExports(result.stdout).AWS_ENDPOINT_URL_S3 : undefined;
    if (endpoint) return endpoint;
  }
  return null;
}

export async function openLakeBench(
  prepared: PreparedRun,
  maxFiles: number,
  workDir: string,
  log: (line: string) => void,
): Promise<LakeBench> {
  const version = await rcloneVersion();
  const none = { files: 0, bytes: 0, dir: '' };
  if (!version)
    return {
      prepared,
      target: null,
      rcloneVersion: null,
      ...none,
      skipped: 'skipped: rclone not installed (apt-get install rclone)',
    };
  const endpoint = await motoEndpoint(log);
  if (!endpoint)
    return {
      prepared,
      target: null,
      rcloneVersion: version,
      ...none,
      skipped: 'skipped: the moto S3 emulator is not running and did not start',
    };
  // moto accepts any credentials; the SDK's default chain reads these.
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  // rclone copies a folder: link the chosen files into one so both sides send the same set.
  const dir = path.join(workDir, 'lake-upload');
  const chosen = [...prepared.rawFiles].sort().slice(0, maxFiles);
  let bytes = 0;
  for (const file of chosen) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await link(path.join(prepared.rawDir, file), path.join(dir, file));
    bytes += (await stat(path.join(dir, file))).size;
  }
  const target: S3Target = {
    endpoint,
    bucket: BUCKET,
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  };
  return { prepared, target, rcloneVersion: version, files: chosen.length, bytes, dir, skipped: null };
}

export async function lakeRound(
  bench: LakeBench,
  rep: number,
  concurrency: number,
  dsn: string,
  series: Record<string, number[]>,
  log: (line: string) => void,
): Promise<void> {
  const target = bench.target!;
  const { dir, bytes } = bench;
  const files = [...bench.prepared.rawFiles].sort().slice(0, bench.files);
  const push = (key: string, value: number) => {
    series[key] ??= [];
    series[key].push(value);
  };
  const stamp = `${process.pid}-${rep}`;
  const ours = async () => {
    const r = await measureOurUpload(dir, files, target, `ours-${stamp}`, concurrency, dsn);
    push('lake.ours', r.bytes / 1e6 / r.seconds);
  };
  const rclone = async () => {
    const r = await measureRclone(dir, files, target, `rclone-${stamp}`, concurrency);
    push('lake.rclone', bytes / 1e6 / r.seconds);
  };
  for (const step of rep % 2 === 0 ? [ours, rclone] : [rclone, ours]) await step();
  log(
    `  lake: ours ${series['lake.ours']?.at(-1)?.toFixed(1)} MB/s, rclone ${series['lake.rclone']?.at(-1)?.toFixed(1)} MB/s (${files.length} files, concurrency ${concurrency})`,
  );
}
