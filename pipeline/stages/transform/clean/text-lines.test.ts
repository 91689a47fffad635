import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanLine, cleanText } from './text.ts';

/** The line and space rules as they were before the scan that skips them (text.ts). */
function linesBefore(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const collapsed = line.replace(/[\s\u00A0\u202F]+/g, ' ').trim();
    if (collapsed) out.push(collapsed);
  }
  return out.join('\n');
}
const lineBefore = (text: string) => text.replace(/[\s\u00A0\u202F]+/g, ' ').trim();

/** Every kind of whitespace and line break, and a few letters (no markup, entity or control to strip). */
const UNITS = [
  'a',
  'b',
  'é',
  ' ',
  '  ',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\v',
  '\f',
  '\u00A0',
  '\u202F',
  '\u2028',
  '\u2029',
  '\u3000',
  '\u1680',
];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 20 }).map((parts) => parts.join(''));

describe('cleanText and cleanLine: text already clean is returned as it is', () => {
  it('gives what splitting, collapsing and joining gave, for any whitespace', () => {
    fc.assert(
      fc.property(text, (input) => {
        assert.equal(cleanText(input), linesBefore(input));
        assert.equal(cleanLine(input), lineBefore(input));
      }),
      { numRuns: 5_000 },
    );
  });
});
