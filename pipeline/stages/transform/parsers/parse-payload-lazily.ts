/**
 * `parsePayload` for a command that reads a few files (`jobbench transform`): it loads
 * only the parser of the payload's format, when first needed, so reading an Adzuna page
 * does not load the HTML tokenizer of JSON-LD pages, nor France Travail's tables.
 */
import type { PayloadFormat } from '../../../sources/source.ts';
import { parseGuarded, type PayloadParser } from './parse-guarded.ts';
import type { ParseContext, ParseResult } from './parse-result.ts';

const LOADERS: Record<PayloadFormat, () => Promise<PayloadParser>> = {
  adzuna: async () => (await import('./parse-adzuna.ts')).parseAdzuna,
  francetravail: async () => (await import('./parse-france-travail.ts')).parseFranceTravail,
  jsonld: async () => (await import('./parse-jsonld.ts')).parseJsonLd,
};

export async function parsePayloadLazily(
  format: PayloadFormat,
  body: string,
  context: ParseContext,
): Promise<ParseResult> {
  const load = typeof format === 'string' && Object.hasOwn(LOADERS, format) ? LOADERS[format] : undefined;
  return parseGuarded(load ? await load() : undefined, format, body, context);
}
