/**
 * Blanks an employer's name out of a text as whole words: what
 * `text.replace(/(?<![\p{L}\d])NAME(?![\p{L}\d])/giu, ' ')` and, on folded text,
 * `folded.replace(/(?<![a-z0-9])FOLDED(?![a-z0-9])/g, ' ')` return, without a regular
 * expression per name. Compiling a case-insensitive Unicode pattern for each of a run's
 * thousands of employers cost more than running it, and running it cost more than this
 * scan (docs/performance.md, "Third pass").
 *
 * Case-insensitive Unicode matching (`iu`) compares characters by simple case folding
 * (ECMAScript's Canonicalize, from Unicode's CaseFolding.txt, statuses C and S). Under
 * it an ASCII letter matches only its two ASCII cases, except k (also U+212A KELVIN SIGN)
 * and s (also U+017F LATIN SMALL LETTER LONG S), and an ASCII digit or sign only itself
 * (company-words.test.ts checks this against every code point). Any other pair of
 * characters is asked of the engine once, with a one-character pattern, and remembered.
 */

const KELVIN = 0x212a;
const LONG_S = 0x17f;

/** Pairs of non-ASCII code points already compared (key `p * 0x110000 + t`). */
const pairCache = new Map<number, boolean>();
const onePattern = new Map<number, RegExp>();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_IU = /^[\p{L}\d]$/iu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiWord = (c: number) => isAsciiLetter(c) || (c >= 0x30 && c <= 0x39);

/** True when `p` (from the name) and `t` (from the text) are the same character under `iu`. */
function sameIu(p: number, t: number): boolean {
  if (p === t) return true;
  if (p < 0x80 && t < 0x80) return isAsciiLetter(p) && isAsciiLetter(t) && (p | 0x20) === (t | 0x20);
  if (p < 0x80 || t < 0x80) {
    const ascii = (p < 0x80 ? p : t) | 0x20;
    const other = p < 0x80 ? t : p;
    return (ascii === 0x6b && other === KELVIN) || (ascii === 0x73 && other === LONG_S);
  }
  const key = p * 0x110000 + t;
  let same = pairCache.get(key);
  if (same === undefined) {
    let re = onePattern.get(p);
    if (re === undefined) {
      re = new RegExp(`^${escapeRegExp(String.fromCodePoint(p))}$`, 'iu');
      onePattern.set(p, re);
    }
    same = re.test(String.fromCodePoint(t));
    if (pairCache.size >= 100_000) pairCache.clear(); // bounded memory
    pairCache.set(key, same);
  }
  return same;
}

/** `[\p{L}\d]` under `iu` for one code point. */
function isWordIu(c: number): boolean {
  if (c < 0x80) return isAsciiWord(c);
  return WORD_IU.test(String.fromCodePoint(c));
}

/** The code point ending just before `i`, as a `u` lookbehind reads it; -1 at the start. */
function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** One employer's name, ready to be blanked out of texts. */
export class CompanyWords {
  private readonly points: number[];
  /** The code units a match can start with, when the name starts with an ASCII character; else null. */
  private readonly firstUnits: readonly number[] | null;
  private readonly folded: string;
  /** The pattern itself, for a name holding a lone surrogate (the scan reads code points). */
  private readonly fallback: RegExp | null;
  private readonly foldedFallback: RegExp | null;

  constructor(
    private readonly name: string,
    foldedName: string,
  ) {
    this.points = Array.from(name, (ch) => ch.codePointAt(0)!);
    this.firstUnits = firstUnitsOf(this.points[0]!);
    this.folded = foldedName;
    // The cleaners replace lone surrogates, so only a name that skipped them holds one.
    this.fallback = LONE_SURROGATE.test(name)
      ? new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(name)}(?![\\p{L}\\d])`, 'giu')
      : null;
    // An empty folded name (only combining marks) matches the empty string at every
    // boundary: rare enough to keep the pattern for it.
    this.foldedFallback = foldedName === '' ? /(?<![a-z0-9])(?![a-z0-9])/g : null;
  }

  /** `text` with every whole-word, case-insensitive occurrence of the name replaced by one space. */
  blank(text: string): string {
    if (this.fallback) return text.replace(this.fallback, ' ');
    const first = this.points[0]!;
    const units = this.firstUnits;
    const [a, b, c] = units ?? [-1, -1, -1];
    const n = text.length;
    // A match is as long as the name: case folding pairs characters of the same plane.
    const last = n - this.name.length;
    let out = '';
    let copied = 0;
    for (let i = 0; i <= last; i++) {
      if (units !== null) {
        const unit = text.charCodeAt(i);
        if (unit !== a && unit !== b && unit !== c) continue;
      } else if (!sameIu(first, text.codePointAt(i)!)) continue;
      const end = this.matchEnd(text, i);
      if (end === -1) continue;
      if (isWordIu(codePointBefore(text, i))) continue;
      if (end < n && isWordIu(text.codePointAt(end)!)) continue;
      out += `${text.slice(copied, i)} `;
      copied = end;
      i = end - 1;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /** `folded` with every whole-word occurrence of the folded name replaced by one space. */
  blankFolded(folded: string): string {
    if (this.foldedFallback) return folded.replace(this.foldedFallback, ' ');
    const word = this.folded;
    let out = '';
    let copied = 0;
    for (let i = folded.indexOf(word); i !== -1; i = folded.indexOf(word, i + 1)) {
      const end = i + word.length;
      if (i > 0 && isFoldedWord(folded.charCodeAt(i - 1))) continue;
      if (end < folded.length && isFoldedWord(folded.charCodeAt(end))) continue;
      out += `${folded.slice(copied, i)} `;
      copied = end;
      i = end - 1;
    }
    return copied === 0 ? folded : out + folded.slice(copied);
  }

  /** Index just past the name matched at `start`, or -1. */
  private matchEnd(text: string, start: number): number {
    let j = start;
    for (const p of this.points) {
      if (j >= text.length) return -1;
      const t = text.codePointAt(j)!;
      if (!sameIu(p, t)) return -1;
      j += t > 0xffff ? 2 : 1;
    }
    return j;
  }
}

/** The code units `iu` lets an ASCII first character match (see the header); null for any other. */
function firstUnitsOf(first: number): readonly number[] | null {
  if (first >= 0x80) return null;
  if (!isAsciiLetter(first)) return [first, first, first];
  const lower = first | 0x20;
  const upper = lower - 0x20;
  const extra = lower === 0x6b ? KELVIN : lower === 0x73 ? LONG_S : lower;
  return [lower, upper, extra];
}

/** `[a-z0-9]`: the folded pattern's word characters. */
const isFoldedWord = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
