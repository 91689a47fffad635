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
const UNSTORABLE =
  /[\u0000-\u0008\u000B-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Any control or any surrogate: a plain character class, much cheaper than the lookarounds
 * of the exact patterns, and false for nearly every text (emoji are the usual surrogates).
 */
const SUSPECT = /[\u0000-\u0008\u000B-\u001F\u007F\uD800-\uDFFF]/;
export const REPLACEMENT_CHARACTER = '\uFFFD';
const NOTHING: ReadonlySet<string> = new Set();

/** True when the text holds a character no canonical posting may carry. */
export function hasUnstorableCharacters(text: string): boolean {
  return SUSPECT.test(text) && UNSTORABLE.test(text);
}

/**
 * The text without controls and with lone surrogates replaced by U+FFFD. The text
 * cleaners run it after decoding too: an entity such as `&#1;` decodes to a control.
 */
export function repairCharacters(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(ALL_CONTROLS, '').replace(ALL_LONE_SURROGATES, REPLACEMENT_CHARACTER);
}

/**
 * The path of the first string inside `value` that holds an unstorable character
 * ("location.city"), or null; top-level keys in `skip` are not looked at.
 */
export function firstUnstorablePath(value: unknown, skip: ReadonlySet<string> = NOTHING): string | null {
  if (typeof value === 'string') return hasUnstorableCharacters(value) ? '(root)' : null;
  const keys = unstorableKeys(value, skip);
  return keys === null
    ? null
    : keys.reduce(
        (path: string, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key),
        '',
      );
}

/** The keys leading to the first unstorable string, built only when there is one (this runs on every posting). */
function unstorableKeys(value: unknown, skip: ReadonlySet<string> = NOTHING): (string | number)[] | null {
  if (typeof value === 'string') return hasUnstorableCharacters(value) ? [] : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableKeys(value[i]);
      if (found !== null) return [i, ...found];
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (skip.has(key)) continue;
    const found = unstorableKeys((value as Record<string, unknown>)[key]);
    if (found !== null) return [key, ...found];
  }
  return null;
}

/** `fields` with `field` added, made when the first field comes. */
function withField(fields: Set<string> | null, field: string): Set<string> {
  const set = fields ?? new Set<string>();
  set.add(field);
  return set;
}

/**
 * Scrubs the fields of one record and remembers which ones it had to change, for the
 * posting's quality flags: `control-characters:<fields>` (controls removed),
 * `invalid-unicode:<fields>` (lone surrogates replaced by U+FFFD) and
 * `replacement-characters:<fields>` (U+FFFD already there: bytes that were not valid
 * UTF-8 when the page was decoded, or a source that wrote it so).
 */
export class CharacterScrubber {
  // Made on the first field that needs one: one scrubber per posting, and nearly every posting needs none.
  private controls: Set<string> | null = null;
  private invalidUnicode: Set<string> | null = null;
  private replaced: Set<string> | null = null;

  /** The text without controls and with lone surrogates replaced; anything else as it is. */
  scrub<T>(field: string, value: T): T {
    if (typeof value !== 'string') return value;
    const text: string = value;
    if (text.includes(REPLACEMENT_CHARACTER)) this.replaced = withField(this.replaced, field);
    if (!SUSPECT.test(text)) return value;
    if (CONTROL.test(text)) this.controls = withField(this.controls, field);
    if (LONE_SURROGATE.test(text)) this.invalidUnicode = withField(this.invalidUnicode, field);
    return repairCharacters(text) as T;
  }

  /** Each string of an array scrubbed under one field name (Adzuna's location `area`); the same array when nothing changed. */
  scrubAll(field: string, values: readonly unknown[]): readonly unknown[] {
    let scrubbed: unknown[] | null = null;
    for (let i = 0; i < values.length; i++) {
      const clean = this.scrub(field, values[i]);
      if (clean === values[i]) continue;
      scrubbed ??= [...values];
      scrubbed[i] = clean;
    }
    return scrubbed ?? values;
  }

  flags(): string[] {
    const flags: string[] = [];
    if (this.controls) flags.push(`control-characters:${[...this.controls].join(',')}`);
    if (this.invalidUnicode) flags.push(`invalid-unicode:${[...this.invalidUnicode].join(',')}`);
    if (this.replaced) flags.push(`replacement-characters:${[...this.replaced].join(',')}`);
    return flags;
  }
}
