import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fold } from '../../../model/fold.ts';
import { CompanyWords } from './company-words.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The patterns the scan stands for: what build-posting.ts compiled per employer before. */
function byPattern(company: string, text: string, folded: string): { text: string; folded: string } {
  const original = new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(company)}(?![\\p{L}\\d])`, 'giu');
  const inFolded = new RegExp(`(?<![a-z0-9])${escapeRegExp(fold(company))}(?![a-z0-9])`, 'g');
  return { text: text.replace(original, ' '), folded: folded.replace(inFolded, ' ') };
}

function byScan(company: string, text: string, folded: string): { text: string; folded: string } {
  const words = new CompanyWords(company, fold(company));
  return { text: words.blank(text), folded: words.blankFolded(folded) };
}

/**
 * Characters where case-insensitive Unicode matching differs from lowercasing: Kelvin sign,
 * long s, dotted and dotless i, Greek sigmas and the iota subscript (a mark that folds to a
 * letter), ß and ẞ, an astral letter pair (Deseret), accents, digits and separators.
 */
const TRICKY = [
  'a',
  'A',
  'k',
  'K',
  '\u212A',
  's',
  'S',
  '\u017F',
  'i',
  'I',
  '\u0130',
  '\u0131',
  '\u03A3',
  '\u03C3',
  '\u03C2',
  '\u0345',
  '\u03B9',
  'ß',
  '\u1E9E',
  '\u{10400}',
  '\u{10428}',
  'é',
  'É',
  'e\u0301',
  '1',
  '0',
  ' ',
  '-',
  '.',
  "'",
  '&',
  '(',
  '\u00A0',
  '\uD800',
  '\uDC00',
];
const tricky = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 30 });
const company = fc.string({ unit: fc.constantFrom(...TRICKY), minLength: 1, maxLength: 4 });

describe('CompanyWords: an employer blanked out without a pattern per name', () => {
  it('under iu, an ASCII character matches only its ASCII cases, but k and s (Kelvin sign, long s)', function () {
    this.timeout(30_000);
    // One class of every printable ASCII character: a code point above ASCII that it lets
    // through is one the scan's ASCII shortcut would have to know about.
    const printable = /^[\x20-\x7e]$/iu;
    const through: number[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) if (printable.test(String.fromCodePoint(cp))) through.push(cp);
    assert.deepEqual(through, [0x17f, 0x212a]);
    assert.ok(/^s$/iu.test('\u017F') && /^k$/iu.test('\u212A'));
  });

  it('gives what the two patterns give, on texts full of case-folding traps', () => {
    fc.assert(
      fc.property(company, tricky, (name, text) => {
        fc.pre(name.length >= 2);
        const folded = fold(text);
        assert.deepEqual(byScan(name, text, folded), byPattern(name, text, folded));
      }),
      { numRuns: 3_000 },
    );
  });

  it('gives what the two patterns give on texts made of the name in other cases and its neighbours', () => {
    const pieces = (name: string) =>
      fc.array(
        fc.oneof(
          fc.constant(name),
          fc.constant(name.toUpperCase()),
          fc.constant(name.toLowerCase()),
          fc.constantFrom(...TRICKY),
        ),
        { maxLength: 12 },
      );
    fc.assert(
      fc.property(
        company.chain((name) => fc.tuple(fc.constant(name), pieces(name))),
        ([name, parts]) => {
          fc.pre(name.length >= 2);
          const text = parts.join('');
          assert.deepEqual(byScan(name, text, fold(text)), byPattern(name, text, fold(text)));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('gives what the two patterns give on real-looking names and texts', () => {
    const cases: [string, string][] = [
      ['Data', 'Databricks chez Data, data-driven; DATA. Big Data!'],
      ['Oracle', "Oracle recrute: SQL, oracle et Oracle's cloud (ORACLE)"],
      ['Société Générale', 'SOCIÉTÉ GÉNÉRALE et Société Générale: Python'],
      ['Kiosk', '\u212Aiosk, kiosk, KIOSK, \u212Aiosques'],
      ['Sopra Steria', 'Chez \u017Fopra \u017Fteria, sopra steria et Sopra Steria2'],
      ['AT&T', 'at&t and AT&T, AT&Tx'],
      ['Cortex IA', 'Cortex IA recrute un ingénieur IA (cortex ia)'],
    ];
    for (const [name, text] of cases)
      assert.deepEqual(byScan(name, text, fold(text)), byPattern(name, text, fold(text)));
  });

  it('keeps the pattern for a name that folds to nothing (combining marks only)', () => {
    const name = '\u0301\u0301';
    const text = 'ab\u0301\u0301 cd';
    assert.deepEqual(byScan(name, text, fold(text)), byPattern(name, text, fold(text)));
  });
});
