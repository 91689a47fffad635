/**
 * Why the embedded warehouse (PGlite) could not be opened, told apart: a full disk, a
 * directory it may not write, or anything else. PGlite runs Postgres in WebAssembly, and
 * its file system layer throws Emscripten `ErrnoError`s whose `errno` is a WASI error
 * number, not Node's code (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#-errno-variant):
 * ENOSPC is 51, not 28 as on Linux.
 */
import { ProviderError, type ProviderErrorCode } from '../core/index.ts';

const WASI_ERRNO: Readonly<Record<number, string>> = {
  2: 'EACCES',
  19: 'EDQUOT',
  51: 'ENOSPC',
  63: 'EPERM',
  69: 'EROFS',
};

/** Node's code (`ENOSPC`) of a failure from Node's fs or from PGlite's WASI layer. */
function errnoName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errno, name } = error as { code?: unknown; errno?: unknown; name?: unknown };
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  if (name === 'ErrnoError' && typeof errno === 'number') return WASI_ERRNO[errno];
  return undefined;
}

export function warehouseOpenError(warehouseDir: string, cause: unknown): ProviderError {
  const errno = errnoName(cause);
  let code: ProviderErrorCode = 'unavailable';
  let reason: string;
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    code = 'quota-exceeded';
    reason = `no space left on the device while creating the embedded warehouse in ${warehouseDir} (${errno}): free some space, or give --data-dir on another disk, and run again`;
  } else if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') {
    code = 'forbidden';
    reason = `cannot write the embedded warehouse in ${warehouseDir} (${errno}): check its owner and permissions`;
  } else {
    const detail = cause instanceof Error && cause.message ? cause.message.split('\n')[0] : (errno ?? 'unknown error');
    reason = `cannot open the embedded warehouse in ${warehouseDir}: ${detail} (is the directory damaged?)`;
  }
  return ProviderError.because('local', 'warehouse.open', code, reason, { cause, subject: warehouseDir });
}
