/**
 * Phrases of tokens found in folded text in one scan, without cutting the text into token
 * strings. A token is a run of `[a-z0-9+#]` (what the skill matcher splits folded text
 * into); a phrase is a sequence of tokens, matched at a token of the text when the text's
 * next tokens are the phrase's, whatever separates them ("power-bi", "power  bi"). The
 * phrases live in one character trie with an edge per token character and one edge for
 * "next token", so each token start walks the trie for as long as some phrase agrees,
 * and the text is never split, looked up token by token in a map, or copied.
 *
 * At each token the longest phrase (in tokens) that matches there wins, and among equal
 * phrases the first added: what the matcher did when it sorted each first token's
 * phrases longest first and took the first that matched (phrase-trie.test.ts holds the
 * two side by side).
 */

/** Trie edges per node: a–z, 0–9, '+', '#', then "next token". */
const WIDTH = 39;
const NEXT_TOKEN = 38;

/** The edge of each ASCII character: a–z, 0–9, '+', '#' have one; any other separates tokens (-1). */
const EDGES = new Int8Array(128).fill(-1);
for (let c = 0x61; c <= 0x7a; c++) EDGES[c] = c - 0x61;
for (let c = 0x30; c <= 0x39; c++) EDGES[c] = c - 0x30 + 26;
EDGES[0x2b] = 36;
EDGES[0x23] = 37;

/** The edge of a token character, or -1 for a character that separates tokens. */
const edgeOf = (c: number): number => (c < 128 ? EDGES[c]! : -1);

export class PhraseTrie<T> {
  /** `edges[node * WIDTH + edge]`: the child node, 0 for none (the root is nobody's child). */
  private edges: number[] = new Array<number>(WIDTH).fill(0);
  /** The phrase ending at each node, if any. */
  private readonly values: (T | undefined)[] = [undefined];

  /** Adds a phrase; a phrase already there keeps its first value. */
  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    let node = 0;
    tokens.forEach((token, t) => {
      if (t > 0) node = this.child(node, NEXT_TOKEN);
      if (token === '') throw new Error('a phrase token cannot be empty');
      for (let i = 0; i < token.length; i++) {
        const edge = edgeOf(token.charCodeAt(i));
        if (edge < 0) throw new Error(`"${token}" is not a token of folded text`);
        node = this.child(node, edge);
      }
    });
    if (this.values[node] === undefined) this.values[node] = value;
  }

  /** Calls `visit` with the value of the longest phrase starting at each token of `folded`, in text order. */
  forEachLongest(folded: string, visit: (value: T) => void): void {
    const n = folded.length;
    let previousIsToken = false;
    for (let start = 0; start < n; start++) {
      const isToken = edgeOf(folded.charCodeAt(start)) >= 0;
      if (isToken && !previousIsToken) {
        const found = this.longestAt(folded, start);
        if (found !== undefined) visit(found);
      }
      previousIsToken = isToken;
    }
  }

  /** The value of the longest phrase whose tokens are the text's from the token at `start`. */
  private longestAt(text: string, start: number): T | undefined {
    const edges = this.edges;
    const n = text.length;
    let best: T | undefined;
    let node = 0;
    let j = start;
    for (;;) {
      // One token of the text, which must end exactly where a phrase token ends.
      let edge = edgeOf(text.charCodeAt(j));
      while (edge >= 0) {
        node = edges[node * WIDTH + edge]!;
        if (node === 0) return best;
        j += 1;
        edge = j < n ? edgeOf(text.charCodeAt(j)) : -1;
      }
      const value = this.values[node];
      if (value !== undefined) best = value;
      node = edges[node * WIDTH + NEXT_TOKEN]!;
      if (node === 0) return best;
      while (j < n && edgeOf(text.charCodeAt(j)) < 0) j += 1;
      if (j >= n) return best;
    }
  }

  private child(node: number, edge: number): number {
    const at = node * WIDTH + edge;
    let next = this.edges[at]!;
    if (next === 0) {
      next = this.values.length;
      this.values.push(undefined);
      for (let i = 0; i < WIDTH; i++) this.edges.push(0);
      this.edges[at] = next;
    }
    return next;
  }
}
