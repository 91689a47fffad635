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
    const damaged = error instanceof DamagedTemplate || /^Z_/.test(String((error as { code?: string }).code));
    if (!damaged) throw error;
    await rm(file, { force: true });
    return false;
  }
}

/** Bytes of a tar block: headers and the padding after each file's data. */
const BLOCK = 512;

/**
 * Unpacks the dump `dumpDataDir('gzip')` writes: a POSIX ustar archive of directories and
 * regular files, paths relative to the data directory (with a leading `/`). Anything else
 * (a link, a path leaving the directory) is a damaged template. Records in `made` the
 * top-level entries it created, for the caller to remove on failure.
 */
async function extractTarGz(bytes: Buffer, dataDir: string, made: Set<string>): Promise<void> {
  const gunzip = createGunzip();
  gunzip.end(bytes);
  const input = new ByteReader(gunzip[Symbol.asyncIterator]());
  let version: Buffer | null = null;
  for (;;) {
    const header = await input.exactly(BLOCK);
    if (header.every((byte) => byte === 0)) break; // the end-of-archive blocks
    const entry = parseHeader(header);
    const relative = entry.name.replace(/^\/+/, '').replace(/\/+$/, '');
    const parts = relative.split('/');
    if (relative === '' || parts.some((part) => part === '' || part === '.' || part === '..'))
      throw new DamagedTemplate(`tar entry ${JSON.stringify(entry.name)} leaves the data directory`);
    const target = path.join(dataDir, ...parts);
    made.add(parts[0]!);
    if (entry.type === 'directory') {
      await mkdir(target, { recursive: true, mode: 0o700 });
      continue;
    }
    if (relative === 'PG_VERSION') {
      version = await input.exactly(entry.size);
    } else {
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const handle = await open(target, 'w', 0o600);
      try {
        for (let left = entry.size; left > 0; ) {
          const part = await input.take(Math.min(left, 1 << 20));
          await handle.write(part);
          left -= part.length;
        }
      } finally {
        await handle.close();
      }
    }
    await input.exactly((BLOCK - (entry.size % BLOCK)) % BLOCK);
  }
  if (!version) throw new DamagedTemplate('the template holds no PG_VERSION');
  await writeFile(path.join(dataDir, 'PG_VERSION'), version, { mode: 0o600 });
}

/** The fields of a ustar header this extraction uses; its checksum is verified. */
function parseHeader(header: Buffer): { name: string; size: number; type: 'file' | 'directory' } {
  const text = (start: number, length: number) => {
    const field = header.subarray(start, start + length);
    const end = field.indexOf(0);
    return field.subarray(0, end === -1 ? length : end).toString('utf8');
  };
  const octal = (start: number, length: number) => Number.parseInt(text(start, length).trim() || '0', 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!; // the checksum field counts as spaces
  if (sum !== octal(148, 8)) throw new DamagedTemplate('a tar header fails its checksum');
  const prefix = text(345, 155);
  const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
  const flag = String.fromCharCode(header[156]!);
  const size = octal(124, 12);
  if (flag === '5') return { name, size: 0, type: 'directory' };
  if (flag === '0' || flag === '\0') return { name, size, type: 'file' };
  throw new DamagedTemplate(
    `tar entry ${JSON.stringify(name)} has type ${JSON.stringify(flag)}, not a file or directory`,
  );
}

/** Reads a stream of buffers by counts of bytes. */
class ByteReader {
  private head: Buffer = Buffer.alloc(0);
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Between 1 and `max` bytes. */
  async take(max: number): Promise<Buffer> {
    while (this.head.length === 0) {
      const next = await this.source.next();
      if (next.done) throw new DamagedTemplate('the template ends inside an entry');
      this.head = next.value;
    }
    const part = this.head.subarray(0, max);
    this.head = this.head.subarray(part.length);
    return part;
  }

  /** Exactly `count` bytes. */
  async exactly(count: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let got = 0; got < count; ) {
      const part = await this.take(count - got);
      parts.push(part);
      got += part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, count);
  }
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
