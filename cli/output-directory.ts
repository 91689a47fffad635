/**
 * The directories a run writes to (`--data-dir`, `--results-dir`, `--dashboards-dir`),
 * made and tried before any work: a path that is a file, under /proc, read-only or not
 * ours is one line naming the option (exit 2), not a failure after the run, or a hang.
 */
import { mkdtemp, rmdir } from 'node:fs/promises';
import { DirectoryError, errnoOf, makeDirectory } from '../providers/local/make-directory.ts';
import { UsageError } from './usage-error.ts';

export async function prepareOutputDirectory(option: string, dir: string, mode?: number): Promise<void> {
  try {
    await makeDirectory(dir, mode);
    await probeWritable(dir);
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    const message = `${option} ${error.message}`;
    // A full disk is no misuse of the command: the run failed (exit 1), the flag was right.
    if (error.errno === 'ENOSPC' || error.errno === 'EDQUOT') throw new Error(message);
    throw new UsageError(message);
  }
}

/** Creates and removes one empty directory: the only test that also holds for /proc/self and read-only mounts. */
async function probeWritable(dir: string): Promise<void> {
  let probe: string;
  try {
    probe = await mkdtemp(`${dir.replace(/\/+$/, '')}/.jobbench-probe-`);
  } catch (error) {
    const errno = errnoOf(error) ?? 'EIO';
    const reason =
      errno === 'ENOENT'
        ? 'accepts no new entries (a virtual file system such as /proc?)'
        : errno === 'EACCES' || errno === 'EPERM'
          ? 'is not writable (permission denied)'
          : errno === 'EROFS'
            ? 'is on a read-only file system'
            : errno === 'ENOSPC' || errno === 'EDQUOT'
              ? 'has no space left on its device'
              : `cannot be written (${errno})`;
    throw new DirectoryError(dir, errno, reason);
  }
  await rmdir(probe);
}
