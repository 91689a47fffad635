/**
 * Why a clean posting cannot go to the warehouse, or null when it can. The transform
 * never writes such a posting, but a clean chunk written by an older version (or edited
 * by hand and re-checksummed) may hold one, and one of them used to fail every load of
 * the run, resume after resume (issue 16, finding 1). The load quarantines it instead.
 *
 * Two kinds: text no warehouse stores — PostgreSQL rejects U+0000 in `text` and `jsonb`
 * ("unsupported Unicode escape sequence") and an unpaired UTF-16 surrogate in `jsonb`
 * ("invalid input syntax for type json"), and neither is text in any encoding a backend
 * takes — and a record that is not a canonical posting (`postingSchema`, the contract
 * every warehouse loads by).
 */
import { postingSchema, type Posting } from '../../../providers/core/index.ts';
import { surelyValidPosting } from '../transform/clean/posting-check.ts';

/**
 * False when a line of NDJSON cannot hold such text, which is almost always: JSON can
 * only carry U+0000 or a lone surrogate as a `\u` escape (a raw control character is a
 * syntax error, and UTF-8 has no bytes for a surrogate), so only lines with an escape
 * are walked.
 */
export function mayHoldUnstorableText(line: Uint8Array): boolean {
  return Buffer.from(line.buffer, line.byteOffset, line.byteLength).includes('\\u');
}

export function unloadableReason(record: unknown, line?: Uint8Array): string | null {
  const text = line === undefined || mayHoldUnstorableText(line) ? unstorableText(record, '') : null;
  if (text) return `text the warehouse cannot store: ${text}`;
  // The transform's cheap check, at least as strict as the schema: zod (and the copy of
  // the posting it builds) only for a record it is unsure of, which then gets zod's reason.
  if (typeof record === 'object' && record !== null && !Array.isArray(record) && surelyValidPosting(record as Posting))
    return null;
  const checked = postingSchema.safeParse(record);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `not a canonical posting: ${where}${issue?.message ?? 'invalid'}`;
}

/** The first bad text in a JSON value (strings and keys), as "<what> in <field path>". */
function unstorableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    const bad = badCharacter(value);
    return bad ? `${bad} in ${path || 'the record'}` : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const badKey = badCharacter(key);
      if (badKey) return `${badKey} in a field name under ${path || 'the record'}`;
      const found = unstorableText(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

function badCharacter(text: string): string | null {
  if (text.includes('\u0000')) return 'U+0000 (NUL)';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(i + 1); // NaN past the end
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a pair: one character outside the BMP
      continue;
    }
    return `an unpaired surrogate (U+${unit.toString(16).toUpperCase()})`;
  }
  return null;
}
