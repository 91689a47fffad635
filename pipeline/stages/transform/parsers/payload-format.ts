/** Which parser reads a payload, from its content alone (no parser is loaded to decide). */
import type { PayloadFormat } from '../../../sources/source.ts';

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
