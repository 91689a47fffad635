/**
 * Characters no canonical posting carries. PostgreSQL cannot store a NUL in text, and
 * its jsonb refuses `\u0000` and an unpaired surrogate (what `JSON.stringify` writes for
 * one), so a single such character in one field failed the whole warehouse load, on
 * every resume. The other C0 controls (ESC, BEL, backspace…) are storable but never
 * meant in a job ad and can drive a terminal; DEL likewise.
 *
 * Controls are removed (they carry no text: "Data\0 Engineer" is "Data Engineer"); a
 * lone surrogate becomes U+FFFD, the replacement character, as a UTF-8 encoder would
 * write it. Tab, line feed, carriage return, vertical tab and form feed are whitespace:
 * they are left to the text cleaners, which turn them into spaces and line breaks.
 */

const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ALL_CONTROLS = new RegExp(CONTROL.source, 'g');
const ALL_LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** What no string of a canonical posting may hold: C0 controls but tab and line feed, DEL, lone surrogates. */
const UNSTORABLE = /[\u0000-\u0008\u000B-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** True when the text holds a character no canonical posting may carry. */
export function hasUnstorableCharacters(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** The path of the first string inside `value` that holds an unstorable character, or null. */
export function firstUnstorablePath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasUnstorableCharacters(value) ? path || '(root)' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = firstUnstorablePath(item, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Scrubs the fields of one record and remembers which ones it had to change, for the
 * posting's quality flags: `control-characters:<fields>` (controls removed),
 * `invalid-unicode:<fields>` (lone surrogates replaced by U+FFFD) and
 * `replacement-characters:<fields>` (U+FFFD already there: bytes that were not valid
 * UTF-8 when the page was decoded, or a source that wrote it so).
 */
export class CharacterScrubber {
  private readonly controls = new Set<string>();
  private readonly invalidUnicode = new Set<string>();
  private readonly replaced = new Set<string>();

  /** The text without controls and with lone surrogates replaced; anything else as it is. */
  scrub<T>(field: string, value: T): T {
    if (typeof value !== 'string') return value;
    let text: string = value;
    if (text.includes(REPLACEMENT_CHARACTER)) this.replaced.add(field);
    if (CONTROL.test(text)) {
      this.controls.add(field);
      text = text.replace(ALL_CONTROLS, '');
    }
    if (LONE_SURROGATE.test(text)) {
      this.invalidUnicode.add(field);
      text = text.replace(ALL_LONE_SURROGATES, REPLACEMENT_CHARACTER);
    }
    return text as T;
  }

  /** Each string of an array scrubbed under one field name (Adzuna's location `area`). */
  scrubAll(field: string, values: readonly unknown[] | null | undefined): unknown[] | null | undefined {
    return values?.map((value) => this.scrub(field, value));
  }

  flags(): string[] {
    const flag = (name: string, fields: Set<string>) => (fields.size > 0 ? [`${name}:${[...fields].join(',')}`] : []);
    return [...flag('control-characters', this.controls), ...flag('invalid-unicode', this.invalidUnicode), ...flag('replacement-characters', this.replaced)];
  }
}
