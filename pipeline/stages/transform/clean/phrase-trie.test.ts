import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PhraseTrie } from './phrase-trie.ts';

/**
 * The matcher the trie replaced: the text split into tokens, each token's phrases (by their
 * first token) tried longest first, the first that matches taken.
 */
function byTokens(phrases: readonly (readonly string[])[], folded: string): number[] {
  const byFirst = new Map<string, { tokens: readonly string[]; value: number }[]>();
  phrases.forEach((tokens, value) => {
    if (tokens.length === 0) return;
    const list = byFirst.get(tokens[0]!) ?? [];
    list.push({ tokens, value });
    byFirst.set(tokens[0]!, list);
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const tokens = folded.split(/[^a-z0-9+#]+/).filter((t) => t !== '');
  const found: number[] = [];
  tokens.forEach((token, i) => {
    for (const { tokens: phrase, value } of byFirst.get(token) ?? []) {
      if (phrase.every((t, k) => tokens[i + k] === t)) {
        found.push(value);
        break;
      }
    }
  });
  return found;
}

function byTrie(phrases: readonly (readonly string[])[], folded: string): number[] {
  const trie = new PhraseTrie<number>();
  phrases.forEach((tokens, value) => {
    trie.add(tokens, value);
  });
  const found: number[] = [];
  trie.forEachLongest(folded, (value) => found.push(value));
  return found;
}

/** A small vocabulary, so that phrases share tokens and prefixes and texts repeat them. */
const WORDS = ['a', 'ab', 'abc', 'b', 'power', 'bi', 'c++', 'c#', 'c', 'r', 'sql', 'sq', '3', 'python3'];
const token = fc.constantFrom(...WORDS);
const phrase = fc.array(token, { minLength: 1, maxLength: 3 });
const separator = fc.constantFrom(' ', '  ', '-', '.', ', ', "'", '/', 'é', '\n');
const text = fc
  .array(fc.tuple(token, separator), { maxLength: 25 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

describe('PhraseTrie: phrases of tokens found in one scan of folded text', () => {
  it('finds what the token-by-token matcher found, in the same order', () => {
    fc.assert(
      fc.property(fc.array(phrase, { maxLength: 12 }), text, (phrases, folded) => {
        assert.deepEqual(byTrie(phrases, folded), byTokens(phrases, folded));
      }),
      { numRuns: 3_000 },
    );
  });

  it('prefers the longest phrase at a token, and the first of two equal phrases', () => {
    const phrases = [['power'], ['power', 'bi'], ['bi'], ['power', 'bi']];
    assert.deepEqual(byTrie(phrases, 'Power BI'.toLowerCase()), [1, 2]);
    assert.deepEqual(byTrie(phrases, 'power-bi, power pivot'), [1, 2, 0]);
    assert.deepEqual(byTrie([['ab']], 'abc ab'), [0], 'a token must end where the phrase token ends');
  });

  it('refuses a phrase token that folded text cannot hold', () => {
    assert.throws(() => new PhraseTrie<number>().add(['power bi'], 0), /not a token/);
    assert.throws(() => new PhraseTrie<number>().add(['A'], 0), /not a token/);
  });
});
