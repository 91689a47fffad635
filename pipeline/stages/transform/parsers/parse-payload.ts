/**
 * The transform's entry point: one raw payload (as the lake holds it) → canonical
 * postings and rejects. It never throws: an unreadable payload is one reject, a bad
 * record is one reject with its index, so the quarantine explains every loss. Every
 * parser is loaded with it, for the transform stage; a command reading a few files loads
 * only the parser it needs (parse-payload-lazily.ts).
 */
import type { PayloadFormat } from '../../../sources/source.ts';
import { parseAdzuna } from './parse-adzuna.ts';
import { parseFranceTravail } from './parse-france-travail.ts';
import { parseJsonLd } from './parse-jsonld.ts';
import { parseGuarded, type PayloadParser } from './parse-guarded.ts';
import type { ParseContext, ParseResult } from './parse-result.ts';

export { detectPayloadFormat } from './payload-format.ts';

const PARSERS: Record<PayloadFormat, PayloadParser> = {
  adzuna: parseAdzuna,
  francetravail: parseFranceTravail,
  jsonld: parseJsonLd,
};

export function parsePayload(format: PayloadFormat, body: string, context: ParseContext): ParseResult {
  const parser = typeof format === 'string' && Object.hasOwn(PARSERS, format) ? PARSERS[format] : undefined;
  return parseGuarded(parser, format, body, context);
}
