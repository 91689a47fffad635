/**
 * Masks credentials in text that may be shown or kept: error messages, log events, body
 * snippets, pages stored in the lake. A server can echo a key in another form than the
 * one jobbench sent, so every form is masked, not just the raw value:
 *
 * - raw, and each character percent-encoded or not, in either hex case
 *   (`encodeURIComponent`, form encoding with `+` for a space, a server's own decoding);
 * - JSON string escapes (`\/`, `\u002b`) and HTML numeric entities (`&#43;`, `&#x2b;`);
 * - base64 and base64url, also inside a longer encoded value such as the
 *   `id:secret` of an HTTP Basic header: the secret's bytes are encoded at the three
 *   possible alignments and every character that depends only on them is masked.
 *
 * Masking happens on the whole text, before any cut: a cut made first could leave the
 * start of a key that no longer matches.
 */

/** Shorter values would mask ordinary words; real keys and ids are longer. */
export const MIN_SECRET_LENGTH = 4;

export const MASK = '***';

export class SecretMask {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  constructor(secrets: Iterable<string | null | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a value to mask from now on (an access token obtained during the run). */
  add(secret: string | null | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.pattern = null;
  }

  /** The text with every form of every secret replaced by `***`. */
  mask(text: string): string {
    if (this.secrets.size === 0 || text === '') return text;
    this.pattern ??= buildPattern([...this.secrets]);
    return text.replace(this.pattern, MASK);
  }

  /** True when the text holds any form of a secret. */
  finds(text: string): boolean {
    return this.mask(text) !== text;
  }
}

function buildPattern(secrets: readonly string[]): RegExp {
  // Longest alternatives first, so a whole encoded value wins over its parts.
  const alternatives = secrets.flatMap((secret) => [textForms(secret), ...base64Forms(secret).map(escapeRegExp)]);
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(alternatives.join('|'), 'g');
}

/** One regular expression for the secret as text, each character in any of its escaped forms. */
function textForms(secret: string): string {
  return [...secret].map(charForms).join('');
}

function charForms(char: string): string {
  const code = char.codePointAt(0) as number;
  const forms = [escapeRegExp(char)];
  forms.push([...Buffer.from(char, 'utf8')].map((byte) => `%${hexDigits(byte, 2)}`).join(''));
  if (char === ' ') forms.push('\\+');
  if (char === '+') forms.push(' '); // a `+` sent unencoded and decoded as a form space
  // JSON escapes, at any depth of JSON inside JSON (one backslash more per level).
  if (char === '/' || char === '"') forms.push(`\\\\+${escapeRegExp(char)}`);
  if (char === '\\') forms.push('\\\\+');
  if (code <= 0xffff) forms.push(`\\\\+u${hexDigits(code, 4)}`);
  forms.push(`&#0*${code};`, `&#[xX]0*${hexDigits(code, 0)};`);
  return `(?:${forms.join('|')})`;
}

/** Hex digits of a number as a pattern that accepts either case (at least `width` digits). */
function hexDigits(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')]
    .map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
    .join('');
}

/** The secret's base64 and base64url forms at each alignment, each at least 4 characters. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>();
  const whole = bytes.toString('base64');
  forms.add(whole);
  forms.add(whole.replace(/=+$/, ''));
  for (let offset = 0; offset < 3; offset += 1) {
    // Encode behind `offset` filler bytes; the first characters mix filler bits and are dropped.
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = shifted.toString('base64').replace(/=+$/, '');
    const skip = offset === 0 ? 0 : offset + 1;
    // Without padding, the last character may mix in bits of whatever follows: keep only whole groups.
    const complete = Math.floor(shifted.length / 3) * 4;
    forms.add(encoded.slice(skip)); // the secret ends the encoded value
    forms.add(encoded.slice(skip, complete)); // something follows it
  }
  const out = [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
  return [...new Set([...out, ...out.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))])];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Masks an error in place — message, stack and every cause — and returns it, for the
 * boundary where a source's errors leave for the run (manifest, results, stderr).
 */
export function maskError<T>(error: T, mask: SecretMask | ((text: string) => string)): T {
  const apply = typeof mask === 'function' ? mask : (text: string) => mask.mask(text);
  const seen = new Set<unknown>();
  for (let current: unknown = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    setText(current, 'message', apply(current.message));
    if (typeof current.stack === 'string') setText(current, 'stack', apply(current.stack));
  }
  return error;
}

/** Sets an error's text, also where it is a getter only (DOMException); untouched when unchanged. */
function setText(error: Error, key: 'message' | 'stack', value: string): void {
  if (error[key] === value) return;
  try {
    error[key] = value;
  } catch {
    Object.defineProperty(error, key, { value, configurable: true, writable: true });
  }
}
