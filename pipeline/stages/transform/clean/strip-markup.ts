/**
 * One pass of HTML markup removal, in time linear in the text. Tags go the way a browser
 * renders them: line-level tags become a line break, table cells a space, inline tags
 * (b, span, a…) nothing ("<b>Data</b>s" is "Datas"); comments and script, style,
 * noscript and template blocks become a space. Entities are left for the caller to decode.
 *
 * A scanner rather than regular expressions: patterns such as `<br\b[^>]*>` or
 * `<script>[\s\S]*?</script>` restart at every `<` and rescan to the end of the text when
 * nothing closes them, so unclosed tags made the time quadratic in the text (docs/transform.md).
 * Here each stretch of text is read a bounded number of times: a `<` that opens nothing is
 * kept as text and the scan goes on from the next `<`, and a closer that is missing once is
 * never searched again.
 */

/** Tags that separate lines of text. */
const LINE_TAGS = new Set([
  'br',
  'hr',
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'dl',
]);
const CELL_TAGS = new Set(['td', 'th']);
/** Blocks whose content is not text: dropped with their content when they are closed. */
const DROP_BLOCKS = new Set(['script', 'style', 'noscript', 'template']);
/** `</script>`, `</STYLE >`…: compiled once; each search sets `lastIndex` before running. */
const BLOCK_CLOSERS = new Map([...DROP_BLOCKS].map((name) => [name, new RegExp(`</${name}\\s*>`, 'gi')]));

const NAME_CHAR = /[A-Za-z0-9_]/;
const LETTER = /[A-Za-z]/;

export function stripMarkupOnce(text: string): string {
  if (!text.includes('<')) return text;
  const scan = new Scan(text);
  const out: string[] = [];
  /** Start of the text not yet copied to `out`: a `<` that opens nothing stays in it. */
  let copied = 0;
  for (let open = text.indexOf('<'); open !== -1; ) {
    const markup = scan.markupAt(open);
    if (markup === null) {
      open = text.indexOf('<', open + 1);
      continue;
    }
    out.push(text.slice(copied, open), markup.replacement);
    copied = markup.end;
    open = text.indexOf('<', copied);
  }
  if (copied === 0) return text;
  out.push(text.slice(copied));
  return out.join('');
}

interface Markup {
  /** Index just past the markup. */
  end: number;
  replacement: string;
}

/** The per-text memory that keeps the scan linear: where the last closers are. */
class Scan {
  private lastCommentClose: number | undefined;
  private readonly unclosedBlocks = new Set<string>();
  private readonly bracket = /[<>]/g;

  constructor(private readonly text: string) {}

  /** The markup starting at the `<` at `open`, or null when that `<` is text. */
  markupAt(open: number): Markup | null {
    const text = this.text;
    const next = text[open + 1];
    if (next === '!' && text.startsWith('<!--', open)) {
      const close = this.commentCloseAfter(open + 4);
      if (close !== -1) return { end: close + 3, replacement: ' ' };
    }
    // Doctype, CDATA, processing instructions, an unclosed comment: bogus markup up to `>`.
    if (next === '!' || next === '?') return this.tagEndingAt(open + 2, '');
    let nameStart = open + 1;
    const closing = next === '/';
    if (closing) nameStart += 1;
    if (!LETTER.test(text[nameStart] ?? '')) return null;
    let nameEnd = nameStart + 1;
    while (nameEnd < text.length && NAME_CHAR.test(text[nameEnd]!)) nameEnd += 1;
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    const tag = this.tagEndingAt(nameEnd, LINE_TAGS.has(name) ? '\n' : CELL_TAGS.has(name) ? ' ' : '');
    if (tag === null || closing || !DROP_BLOCKS.has(name)) return tag;
    const blockEnd = this.blockCloseAfter(name, tag.end);
    return blockEnd === -1 ? tag : { end: blockEnd, replacement: ' ' };
  }

  /** A tag running from `from` to the next `>`, provided no `<` comes first. */
  private tagEndingAt(from: number, replacement: string): Markup | null {
    this.bracket.lastIndex = from;
    const found = this.bracket.exec(this.text);
    return found !== null && found[0] === '>' ? { end: found.index + 1, replacement } : null;
  }

  private commentCloseAfter(from: number): number {
    this.lastCommentClose ??= this.text.lastIndexOf('-->');
    return this.lastCommentClose >= from ? this.text.indexOf('-->', from) : -1;
  }

  /** Index just past `</name>` at or after `from`, or -1. */
  private blockCloseAfter(name: string, from: number): number {
    if (this.unclosedBlocks.has(name)) return -1;
    const closer = BLOCK_CLOSERS.get(name)!;
    closer.lastIndex = from;
    const found = closer.exec(this.text);
    if (found === null) {
      this.unclosedBlocks.add(name);
      return -1;
    }
    return found.index + found[0].length;
  }
}
