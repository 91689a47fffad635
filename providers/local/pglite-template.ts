/**
 * The initialised database every new local warehouse starts from. A new PGlite data
 * directory runs initdb inside the WebAssembly instance, and the memory that takes stays
 * resident in the process afterwards: opening a new directory took the process to 774 MB
 * RSS, against 353 MB when the same directory is loaded from a dump of an initialised one
 * (measured on this project's machine, 2026-12-05, PGlite 0.5.17, Node 20; most of the
 * embedded run's peak). So the first initialisation on a machine is dumped (a gzip tar of
 * about 4.5 MB holding only the empty cluster) into a cache beside the project, keyed by
 * PGlite's version, and later new warehouses are unpacked from it into their directory before
 * PGlite opens them (extractTemplate). `npm run build` makes it ahead of the first run
 * (scripts/build.ts); without it, the first run makes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
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

/** The template could not be read whole: a truncated or corrupt gzip, or a tar entry it cannot hold. */
class DamagedTemplate extends Error {}

/**
 * Writes the template's empty cluster into `dataDir`, a new data directory, as plain files, so
 * that PGlite opens it as an existing database. PGlite's own `loadDataDir` unpacks the dump
 * inside the process and left it at 353 MB RSS after opening, against 280 MB for the same
 * cluster opened from files (this project's machine, 2026-12-05, PGlite 0.5.17): the unpacking
 * is the difference. Here the dump is unpacked as a stream, a megabyte at a time.
 *
 * Returns false when there is no template, or when it is damaged (it must decompress whole and
 * every tar header must check): a damaged one is removed, so the next new warehouse makes it
 * again, and the files already written are removed with it. `PG_VERSION` is written last:
 * without it the directory is new again (isNewDataDir), so an extraction cut short is redone,
 * never opened half-made.
 */
export async function extractTemplate(dataDir: string, file = templateFile()): Promise<boolean> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
  const made = new Set<string>();
  try {
    await extractTarGz(bytes, dataDir, made);
    return true;
  } catch (error) {
    for (const entry of made) await rm(path.join(dataDir, entry), { recursive: true, force: true });
    if (!(error instanceof DamagedTemplate)) throw error;
    await rm(file, { force: true });
    return false;
  }
}

/**
 * Unpacks the dump `dumpDataDir('gzip')` writes: a tar archive of directories and regular
 * files, paths relative to the data directory (with a leading `/`), read by tar-stream (which
 * checks every header's checksum). Anything else (a link, a path leaving the directory) is a
 * damaged template. Records in `made` the top-level entries it created, for the caller to
 * remove on failure.
 */
async function extractTarGz(bytes: Buffer, dataDir: string, made: Set<string>): Promise<void> {
  const archive = tar.extract();
  const gunzip = createGunzip();
  // A corrupt gzip (Z_* codes) or tar (a header failing its checksum, data cut short) fails
  // the streams, which ends the loop below with their error: the template is damaged. An
  // error writing the files is not the template's, and is thrown as it is.
  let streamError: unknown = null;
  const failStreams = (error: unknown) => {
    streamError ??= error;
    archive.destroy(error as Error);
  };
  gunzip.on('error', failStreams);
  archive.on('error', failStreams);
  gunzip.pipe(archive);
  gunzip.end(bytes);
  try {
    await writeEntries(archive, dataDir, made);
  } catch (error) {
    if (streamError === null || error instanceof DamagedTemplate) throw error;
    throw new DamagedTemplate(
      `the template is not a readable tar.gz: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Writes each entry of the archive under `dataDir`, `PG_VERSION` last. */
async function writeEntries(archive: tar.Extract, dataDir: string, made: Set<string>): Promise<void> {
  let version: Buffer | null = null;
  for await (const entry of archive) {
    const { name, type } = entry.header;
    const relative = name.replace(/^\/+/, '').replace(/\/+$/, '');
    const parts = relative.split('/');
    if (relative === '' || parts.some((part) => part === '' || part === '.' || part === '..'))
      throw new DamagedTemplate(`tar entry ${JSON.stringify(name)} leaves the data directory`);
    if (type !== 'file' && type !== 'directory')
      throw new DamagedTemplate(`tar entry ${JSON.stringify(name)} is a ${type}, not a file or directory`);
    const target = path.join(dataDir, ...parts);
    made.add(parts[0]!);
    if (type === 'directory') {
      await mkdir(target, { recursive: true, mode: 0o700 });
      entry.resume();
      continue;
    }
    if (relative === 'PG_VERSION') {
      const pieces: Buffer[] = [];
      for await (const piece of entry) pieces.push(piece as Buffer);
      version = Buffer.concat(pieces);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const handle = await open(target, 'w', 0o600);
    try {
      for await (const piece of entry) await handle.write(piece as Buffer);
    } finally {
      await handle.close();
    }
  }
  if (!version) throw new DamagedTemplate('the template holds no PG_VERSION');
  await writeFile(path.join(dataDir, 'PG_VERSION'), version, { mode: 0o600 });
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
