/**
 * A parser run so that it never throws: no parser for the format, a body that is not
 * text, or a parser bug each become one reject for the whole payload (parse-payload.ts,
 * parse-payload-lazily.ts).
 */
import type { PayloadFormat } from '../../../sources/source.ts';
import { rejectPayload } from '../clean/build-posting.ts';
import type { ParseContext, ParseResult } from './parse-result.ts';

export type PayloadParser = (body: string, context: ParseContext) => ParseResult;

export function parseGuarded(
  parser: PayloadParser | undefined,
  format: PayloadFormat,
  body: string,
  context: ParseContext,
): ParseResult {
  if (typeof body !== 'string') return rejectPayload('payload is not text', '');
  if (!parser)
    return rejectPayload(`unknown payload format "${typeof format === 'string' ? format : typeof format}"`, body);
  try {
    return parser(body, context);
  } catch (error) {
    // A parser bug must not stop a run: the whole payload goes to the quarantine.
    return rejectPayload(`parser failed: ${error instanceof Error ? error.message : typeof error}`, body);
  }
}
