/**
 * Directories of the local provider (and of the CLI's outputs), made one level at a time
 * with a mode that does not depend on the process umask.
 *
 * Not `mkdir(dir, { recursive: true })` on a path given by a user: under /proc Linux answers
 * ENOENT for a child it will never create, and Node's recursive mkdir takes ENOENT to mean
 * "the parent is missing", makes the (existing) parent and tries again, forever — at 100 %
 * CPU for the synchronous call, a promise that never settles for the asynchronous one
 * (`jobbench run --data-dir /proc/x` hung that way). Here an ENOENT once the parent exists
 * is final, and every failure is one sentence naming the path.
 */
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Only the owner may enter, list or change. */
export const PRIVATE_DIR_MODE = 0o700;
/** Only the owner may read or write. */
export const PRIVATE_FILE_MODE = 0o600;

/** A directory that cannot be made or used; `errno` is Node's code (ENOTDIR, EACCES, ENOSPC…). */
export class DirectoryError extends Error {
  constructor(
    readonly dir: string,
    readonly errno: string,
    reason: string,
  ) {
    super(`${dir} ${reason}`);
    this.name = 'DirectoryError';
  }
}

/**
 * Makes `dir` and its missing parents. With `mode`, those it creates get exactly that mode
 * (chmod after mkdir: the umask can only take bits away, and may take the owner's);
 * without, the usual 0777 less the umask. An existing directory is left as it is: it may
 * be a shared one (`--data-dir /tmp/x` must not close /tmp to others).
 */
export async function makeDirectory(dir: string, mode?: number): Promise<void> {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let current = target; ; current = path.dirname(current)) {
    const kind = await kindOf(current);
    if (kind === 'directory') break;
    if (kind === 'other')
      throw new DirectoryError(
        target,
        'ENOTDIR',
        current === target ? 'is a file, not a directory' : `cannot be made: ${current} is a file, not a directory`,
      );
    missing.unshift(current);
    if (path.dirname(current) === current) break; // no root: nothing left to climb
  }
  for (const created of missing) {
    try {
      await mkdir(created, mode !== undefined ? { mode } : {});
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'EEXIST' && (await kindOf(created)) === 'directory') continue; // made meanwhile by another process
      throw new DirectoryError(target, errno ?? 'EIO', `cannot be made: ${describeMkdirFailure(created, errno)}`);
    }
    if (mode !== undefined) await chmod(created, mode);
  }
}

/** Sets every directory under `root` (and root) to 0700 and every file to 0600; symlinks are left alone. */
export async function makeTreePrivate(root: string): Promise<void> {
  await chmod(root, PRIVATE_DIR_MODE);
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    try {
      if (entry.isDirectory()) await chmod(full, PRIVATE_DIR_MODE);
      else if (entry.isFile()) await chmod(full, PRIVATE_FILE_MODE);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw error; // removed since the listing (a temporary file): nothing to protect
    }
  }
}

async function kindOf(file: string): Promise<'directory' | 'other' | 'missing'> {
  try {
    return (await stat(file)).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT') return 'missing';
    if (errno === 'ENOTDIR') return 'missing'; // a parent is a file: found when the climb reaches it
    throw new DirectoryError(file, errno ?? 'EIO', `cannot be read (${errno ?? 'error'})`);
  }
}

function describeMkdirFailure(dir: string, errno: string | undefined): string {
  switch (errno) {
    case 'ENOENT':
      // The parent exists (checked above), so this file system refuses new entries (/proc, /sys).
      return `${path.dirname(dir)} accepts no new directories (a virtual file system such as /proc?)`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied in ${path.dirname(dir)}`;
    case 'EROFS':
      return `${path.dirname(dir)} is on a read-only file system`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `no space left on the device of ${path.dirname(dir)}`;
    default:
      return `mkdir ${dir} failed (${errno ?? 'error'})`;
  }
}

export function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}
