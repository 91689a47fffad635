/**
 * Text cleaning for titles and descriptions: HTML stripped, entities decoded, whitespace
 * normalized. A linear scanner (strip-markup.ts) plus the `entities` decoder (the one
 * cheerio itself uses) does far less work than building a DOM per description, which matters
 * at 100k+ postings (docs/transform.md, "Text").
 *
 * Job sites often escape their HTML twice (`&lt;p&gt;` inside JSON-LD), and hostile text
 * hides markup behind more escaping (`&amp;lt;script&amp;gt;`) or inside other markup
 * (`<<b>b>img onerror=…>`), so stripping and decoding repeat until nothing changes
 * (a bounded number of times), and a last step removes any `<` still opening a tag: no
 * canonical text holds markup a browser or Plotly's HTML labels would read as a tag.
 */
import { decodeHTML } from 'entities';
import { stripMarkupOnce } from './strip-markup.ts';
import { repairCharacters } from './unsafe-characters.ts';

/**
 * Strip-and-decode rounds before giving up on reaching a fixed point. Each round peels one
 * level of escaping; real pages use two at most. Bounded so that a text escaped a
 * thousand times costs a few linear passes, not a thousand.
 */
const MAX_ROUNDS = 4;
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF\u00AD]/g;
/** What another round could change: something that opens markup or an entity ("a < b" and "R&D " cannot). */
const MAY_CHANGE = /<[A-Za-z/!?]|&[#A-Za-z]/;
/**
 * A `<` (or a run of them) that a browser would read as the start of a tag, end tag,
 * comment or processing instruction. Removing the whole run keeps "<<img" from becoming "<img".
 */
const TAG_OPENER = /<+(?=[A-Za-z/!?])/g;

/** Markup and entities removed, to a fixed point; whitespace left as is. */
export function stripHtml(input: string): string {
  let text = input;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!MAY_CHANGE.test(text)) break;
    const next = decodeHTML(stripMarkupOnce(text));
    if (next === text) break;
    text = next;
  }
  return text;
}

/** Any `<` that still opens a tag is dropped: what the rounds could not turn into text. */
export function withoutTagOpeners(text: string): string {
  return text.includes('<') ? text.replace(TAG_OPENER, '') : text;
}

/**
 * Zero-width characters and controls go before stripping (so `<\u200Bimg>` or `<\0img>`
 * cannot hide a tag from it) and again after decoding (`&#8203;` and `&#1;` decode to
 * them). What a removal after decoding may join into a tag is caught by
 * `withoutTagOpeners`, which always runs last.
 */
function stripped(input: string): string {
  const before = repairCharacters(input.replace(ZERO_WIDTH, ''));
  const after = stripHtml(before);
  return after === before ? after : repairCharacters(after.replace(ZERO_WIDTH, ''));
}

/**
 * Text that `cleanText`'s line and space rules would leave as it is: no carriage return or
 * whitespace but spaces and line feeds, no two spaces in a row, no line that is empty or
 * starts or ends with a space. One scan instead of a split, a replace per line and a join;
 * most descriptions need nothing else.
 */
const LINES_NEED_WORK = /[^\S \n]| {2}|^ | $|^$/m;
/** Likewise for `cleanLine`: one line, single spaces between words. */
const LINE_NEEDS_WORK = /[^\S ]| {2}|^ | $/;

/** Plain text for a description: paragraphs kept as single line breaks, spaces collapsed. */
export function cleanText(input: unknown): string {
  if (typeof input !== 'string') return '';
  const text = stripped(input);
  if (!LINES_NEED_WORK.test(text)) return withoutTagOpeners(text);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const collapsed = line.replace(/[\s\u00A0\u202F]+/g, ' ').trim();
    if (collapsed) out.push(collapsed);
  }
  return withoutTagOpeners(out.join('\n'));
}

/** Plain text on one line (titles, company names). */
export function cleanLine(input: unknown): string {
  if (typeof input !== 'string') return '';
  const text = stripped(input);
  if (!LINE_NEEDS_WORK.test(text)) return withoutTagOpeners(text);
  return withoutTagOpeners(text.replace(/[\s\u00A0\u202F]+/g, ' ').trim());
}

/** `cleanLine`, but null for an empty result (optional fields such as company). */
export function cleanOptionalLine(input: unknown): string | null {
  const text = cleanLine(input);
  return text === '' ? null : text;
}

export { fold } from '../../../model/fold.ts';
