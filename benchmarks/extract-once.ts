/**
 * Real sources are collected once per run and the same raw pages go to every provider's
 * lake. Fetching again for each provider would give the clouds different data (a job
 * board changes by the minute) and spend an API's quota once per cloud; what differs
 * between providers, and is timed, is writing those pages.
 *
 * The first provider's extract reads the live source through a recorder that appends
 * each page to a spool file (`<spoolDir>/<source>.ndjson`, one RawPage per line, then an
 * end line with the source's counters and its error, if it failed). Later providers get
 * a replay of that file: the same pages in the same order, the same failure at the same
 * point. A spool left incomplete (the first provider stopped before the source ended)
 * is not replayed: the next provider reads the live source again, and records it.
 * Sources that render the same pages from their seed (`deterministic`) are not spooled.
 */
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { RawPage, Source, SourceContext, SourceStats } from '../pipeline/sources/source.ts';

interface SpoolEnd {
  end: true;
  stats: SourceStats;
  error: string | null;
}

const spoolFile = (dir: string, source: string) => path.join(dir, `${source}.ndjson`);

/** The end line of a complete spool, or null when the file is missing or was cut short. */
function completeSpool(file: string): SpoolEnd | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const last = text.trimEnd().split('\n').at(-1);
  if (!last) return null;
  try {
    const parsed = JSON.parse(last) as Partial<SpoolEnd>;
    return parsed.end === true ? (parsed as SpoolEnd) : null;
  } catch {
    return null;
  }
}

/** Pages after `cursor` (all of them when null): a resumed pipeline continues where it stopped. */
function skipThrough(cursor: string | null) {
  let skipping = cursor !== null;
  return (page: RawPage) => {
    if (!skipping) return true;
    if (page.cursor === cursor) skipping = false;
    return false;
  };
}

/** The live source, with every page it yields appended to the spool; the file is complete only when the source ended. */
function recording(source: Source, file: string): Source {
  return {
    name: source.name,
    requiredEnv: source.requiredEnv,
    stats: () => source.stats(),
    async *pages(context: SourceContext) {
      // A resumed extract asks for the pages after a cursor: that is no whole recording.
      if (context.resumeCursor !== null) {
        yield* source.pages(context);
        return;
      }
      // The spool holds raw pages, as private as the lake (0700 / 0600, whatever the umask).
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const partial = `${file}.partial`;
      const fd = openSync(partial, 'w', 0o600);
      let ended = false;
      try {
        try {
          for await (const page of source.pages(context)) {
            writeSync(fd, `${JSON.stringify(page)}\n`);
            yield page;
          }
        } catch (error) {
          const end: SpoolEnd = {
            end: true,
            stats: source.stats(),
            error: error instanceof Error ? error.message : String(error),
          };
          writeSync(fd, `${JSON.stringify(end)}\n`);
          ended = true;
          throw error;
        }
        writeSync(fd, `${JSON.stringify({ end: true, stats: source.stats(), error: null } satisfies SpoolEnd)}\n`);
        ended = true;
      } finally {
        closeSync(fd);
        if (ended) renameSync(partial, file);
        else rmSync(partial, { force: true });
      }
    },
  };
}

/** The recorded pages again, then the recorded failure, with the recorded counters. */
function replaying(name: string, requiredEnv: readonly string[], file: string, end: SpoolEnd): Source {
  return {
    name,
    requiredEnv,
    stats: () => ({ ...end.stats }),
    async *pages(context: SourceContext) {
      const keep = skipThrough(context.resumeCursor);
      const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line === '') continue;
        const record = JSON.parse(line) as RawPage | SpoolEnd;
        if ('end' in record) break;
        if (keep(record)) yield record;
      }
      if (end.error !== null)
        throw new Error(`${end.error} (replayed: the source failed here when it was collected for this run)`);
    },
  };
}

/**
 * A `makeSources` for every provider of one run: the first call (and any call after an
 * incomplete recording) records the live sources; later calls replay what was recorded.
 */
export function extractOnce(makeSources: () => Source[], spoolDir: string): () => Source[] {
  return () =>
    makeSources().map((source) => {
      if (source.deterministic) return source;
      const file = spoolFile(spoolDir, source.name);
      const end = completeSpool(file);
      return end ? replaying(source.name, source.requiredEnv, file, end) : recording(source, file);
    });
}
