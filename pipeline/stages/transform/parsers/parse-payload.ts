/**
 * The transform's entry point: one raw payload (as the lake holds it) → canonical
 * postings and rejects. It never throws: an unreadable payload is one reject, a bad
 * record is one reject with its index, so the quarantine explains every loss.
 */
import type { PayloadFormat } from '../../../sources/source.ts';
import { rejectPayload } from '../clean/build-posting.ts';
import { parseAdzuna } from './parse-adzuna.ts';
import { parseFranceTravail } from './parse-france-travail.ts';
import { parseJsonLd } from './parse-jsonld.ts';
import type { ParseContext, ParseResult } from './parse-result.ts';

const PARSERS: Record<PayloadFormat, (body: string, context: ParseContext) => ParseResult> = {
  adzuna: parseAdzuna,
  francetravail: parseFranceTravail,
  jsonld: parseJsonLd,
};

/**
 * The format of a payload from its content, for files whose source relays several formats
 * (the sample source): an HTML page is JSON-LD, a JSON object with `results` is Adzuna,
 * with `resultats` France Travail. Null when it is none of them.
 */
export function detectPayloadFormat(body: string): PayloadFormat | null {
  const start = /\S/.exec(body)?.[0];
  if (start === '<') return 'jsonld';
  if (start !== '{') return null;
  // Whichever array key comes first: they open the payload, long before any description.
  const adzuna = body.indexOf('"results"');
  const franceTravail = body.indexOf('"resultats"');
  if (adzuna < 0 && franceTravail < 0) return null;
  if (franceTravail < 0 || (adzuna >= 0 && adzuna < franceTravail)) return 'adzuna';
  return 'francetravail';
}

export function parsePayload(format: PayloadFormat, body: string, context: ParseContext): ParseResult {
  if (typeof body !== 'string') return rejectPayload('payload is not text', '');
  const parser = typeof format === 'string' && Object.hasOwn(PARSERS, format) ? PARSERS[format] : undefined;
  if (!parser)
    return rejectPayload(`unknown payload format "${typeof format === 'string' ? format : typeof format}"`, body);
  try {
    return parser(body, context);
  } catch (error) {
    // A parser bug must not stop a run: the whole payload goes to the quarantine.
    return rejectPayload(`parser failed: ${error instanceof Error ? error.message : typeof error}`, body);
  }
}
