/**
 * `jobbench transform --source NAME [--page-url URL] FILE…`: raw payload files → canonical
 * postings as NDJSON on stdout; each rejected record is reported on stderr. A file that is
 * not a payload of that source at all fails the command with one line.
 *
 * `--page-url` is the address a saved HTML page was fetched from: what the lake's
 * `.meta.json` gives the transform stage, so the postings of a page that names no
 * `identifier`/`url` get the same identity here as in a run (one FILE only: it names one
 * page). Without it, the page's canonical link / og:url, else its content, stands in
 * (pipeline/stages/transform/parsers/jsonld-identity.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSourceName, SOURCE_NAMES, type PayloadFormat, type SourceName } from '../../pipeline/sources/source.ts';
import { parsePayloadLazily } from '../../pipeline/stages/transform/parsers/parse-payload-lazily.ts';
import { detectPayloadFormat } from '../../pipeline/stages/transform/parsers/payload-format.ts';
import type { Io } from '../io.ts';
import { UsageError } from '../usage-error.ts';

/**
 * Which parser reads each source's payloads (WTTJ pages carry schema.org JSON-LD; the
 * sample source emits all three formats, so its files are recognized by content).
 */
const FORMAT_OF: Record<SourceName, PayloadFormat | 'detect'> = {
  sample: 'detect',
  adzuna: 'adzuna',
  francetravail: 'francetravail',
  jsonld: 'jsonld',
  wttj: 'jsonld',
};

export async function transformCommand(
  options: { source: string; files: string[]; pageUrl?: string },
  io: Io,
): Promise<number> {
  if (!isSourceName(options.source))
    throw new UsageError(`unknown source "${options.source}" (known: ${SOURCE_NAMES.join(', ')})`);
  const format = FORMAT_OF[options.source];
  if (options.files.length === 0) throw new UsageError('transform needs at least one FILE');
  let pageUrl: string | null = null;
  if (options.pageUrl !== undefined) {
    // Loaded only here: the command's start-up time is most of its time on one page.
    const { absoluteHttpUrl } = await import('../../pipeline/stages/transform/parsers/jsonld-identity.ts');
    pageUrl = absoluteHttpUrl(options.pageUrl) === null ? null : options.pageUrl.trim();
    if (pageUrl === null) throw new UsageError(`--page-url must be an absolute http(s) URL, not "${options.pageUrl}"`);
    if (options.files.length !== 1)
      throw new UsageError(`--page-url names one page: give exactly one FILE (got ${options.files.length})`);
  }
  let invalidFiles = 0;
  for (const file of options.files) {
    const absolute = path.resolve(io.cwd, file);
    let body: string;
    try {
      body = await readFile(absolute, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'error';
      throw new UsageError(`cannot read ${file} (${code})`);
    }
    const fileFormat = format === 'detect' ? detectPayloadFormat(body) : format;
    if (fileFormat === null) {
      invalidFiles += 1;
      io.stderr(
        `jobbench: ${file} is not a valid ${options.source} payload: neither Adzuna nor France Travail JSON nor an HTML page\n`,
      );
      continue;
    }
    const result = await parsePayloadLazily(fileFormat, body, {
      source: options.source,
      rawKey: file,
      collectedAt: new Date().toISOString(),
      pageUrl,
    });
    for (const posting of result.postings) io.stdout(`${JSON.stringify(posting)}\n`);
    const wholeFile = result.rejects.find((r) => r.index === null);
    if (wholeFile && result.postings.length === 0) {
      invalidFiles += 1;
      io.stderr(`jobbench: ${file} is not a valid ${options.source} payload: ${wholeFile.reason}\n`);
      continue;
    }
    for (const reject of result.rejects) {
      io.stderr(`${file}${reject.index === null ? '' : `#${reject.index}`}: rejected: ${reject.reason}\n`);
    }
  }
  return invalidFiles > 0 ? 1 : 0;
}
