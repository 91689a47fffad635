/**
 * The initialised database every new local warehouse starts from. A new PGlite data
 * directory runs initdb inside the WebAssembly instance, and the memory that takes stays
 * resident in the process afterwards: opening a new directory took the process to 774 MB
 * RSS, against 353 MB when the same directory is loaded from a dump of an initialised one
 * (measured on this project's machine, 2026-12-05, PGlite 0.5.17, Node 20; most of the
 * embedded run's peak). So the first initialisation on a machine is dumped (a gzip tar of
 * about 4.5 MB holding only the empty cluster) into a cache beside the project, keyed by
 * PGlite's version, and later new warehouses are loaded from it. `npm run build` makes it
 * ahead of the first run (scripts/build.ts); without it, the first run makes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

/** PGlite's version, from its package.json (which its `exports` do not expose: found beside its entry, dist/). */
const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(
      path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'),
      'utf8',
    ),
  ) as { version: string }
).version;

/** Where the template of this PGlite version lives (`.jobbench/` beside the project, as the Python venvs). */
export function templateFile(root = PROJECT_ROOT): string {
  return path.join(root, '.jobbench', 'cache', `pglite-${PGLITE_VERSION}-initdb.tar.gz`);
}

/** True when `dataDir` holds no database yet (initdb has not run there). */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * The template as PGlite's `loadDataDir` takes it; null when none has been made, or when the
 * file is damaged (it is checked to decompress whole first: a truncated dump would fail inside
 * PGlite's own loader). A damaged one is removed, so the next new warehouse makes it again.
 */
export async function readTemplate(file = templateFile()): Promise<Blob | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  try {
    gunzipSync(bytes);
  } catch {
    await rm(file, { force: true });
    return null;
  }
  return new Blob([new Uint8Array(bytes)]);
}

/**
 * Dumps `db`, just initialised and still empty, as the template. It is an optimisation: a
 * project directory that cannot be written (a read-only install) only means the next new
 * warehouse initialises again, so a failure is reported to the caller, who may ignore it.
 */
export async function saveTemplate(db: PGlite, file = templateFile()): Promise<void> {
  const dump = await db.dumpDataDir('gzip');
  await mkdir(path.dirname(file), { recursive: true });
  // Its own temporary name: two new warehouses opened at once in one process may both save one.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, new Uint8Array(await dump.arrayBuffer()));
  await rename(temporary, file);
}

/** Makes the template when there is none (`npm run build`, ahead of the first run); returns its path. */
export async function ensureTemplate(file = templateFile()): Promise<string> {
  if (existsSync(file)) return file;
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create('memory://');
  try {
    await saveTemplate(db, file);
  } finally {
    await db.close();
  }
  return file;
}
