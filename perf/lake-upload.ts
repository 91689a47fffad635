/**
 * Lake upload against rclone: the same raw files (a run's `raw/` pages and their
 * `.meta.json`, as extract wrote them to the file lake) uploaded to the same moto S3
 * emulator, by our S3ObjectStore puts with `concurrency` in flight (extract's pattern:
 * read the page, put it) and by `rclone copy --transfers <concurrency>` with an
 * on-the-fly remote defined through `RCLONE_CONFIG_<NAME>_*` variables
 * (https://rclone.org/docs/#config-file: "RCLONE_CONFIG_" + remote + option).
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { postgresProvider } from './providers.ts';

const run = promisify(execFile);

export interface S3Target {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Whether rclone is on PATH (its version line), or null. */
export async function rcloneVersion(): Promise<string | null> {
  try {
    const { stdout } = await run('rclone', ['version']);
    return stdout.split('\n')[0]?.trim() ?? 'rclone';
  } catch {
    return null;
  }
}

export async function measureOurUpload(
  dir: string,
  files: readonly string[],
  target: S3Target,
  prefix: string,
  concurrency: number,
  dsn: string,
): Promise<{ files: number; bytes: number; seconds: number }> {
  // The aws provider's S3ObjectStore on moto (its warehouse is opened lazily and unused).
  const provider = await postgresProvider(dsn, 'jobbench_perf_unused', {
    endpoint: target.endpoint,
    bucket: target.bucket,
    keyPrefix: `${prefix}/`,
  });
  const store = provider.store;
  const limit = pLimit(concurrency);
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const body = await readFile(path.join(dir, file));
        bytes += body.byteLength;
        await store.put(file.split(path.sep).join('/'), body, {
          contentType: file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/json',
        });
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  await provider.close();
  return { files: files.length, bytes, seconds };
}

export async function measureRclone(
  dir: string,
  files: readonly string[],
  target: S3Target,
  prefix: string,
  concurrency: number,
): Promise<{ files: number; seconds: number }> {
  // The emulator is plain HTTP on loopback; a machine-wide AWS_CA_BUNDLE would make
  // rclone's S3 backend try (and fail) to swap its HTTP transport for a custom CA.
  const { AWS_CA_BUNDLE: _caBundle, ...inherited } = process.env;
  const env = {
    ...inherited,
    RCLONE_CONFIG_PERFS3_TYPE: 's3',
    RCLONE_CONFIG_PERFS3_PROVIDER: 'Other',
    RCLONE_CONFIG_PERFS3_ENDPOINT: target.endpoint,
    RCLONE_CONFIG_PERFS3_ACCESS_KEY_ID: target.accessKeyId,
    RCLONE_CONFIG_PERFS3_SECRET_ACCESS_KEY: target.secretAccessKey,
    RCLONE_CONFIG_PERFS3_FORCE_PATH_STYLE: 'true',
    RCLONE_CONFIG_PERFS3_REGION: 'us-east-1',
  };
  const started = performance.now();
  // --no-check-dest: upload everything without listing the (empty) destination first,
  // as our puts do; --s3-no-check-bucket: the bucket exists.
  await run(
    'rclone',
    [
      'copy',
      dir,
      `perfs3:${target.bucket}/${prefix}`,
      '--transfers',
      String(concurrency),
      '--checkers',
      String(concurrency),
      '--no-check-dest',
      '--s3-no-check-bucket',
      '--config',
      '/dev/null',
    ],
    { env, maxBuffer: 16 * 1024 * 1024, timeout: 20 * 60_000 },
  );
  return { files: files.length, seconds: (performance.now() - started) / 1000 };
}
