/**
 * What the JSON-LD parser reads from an HTML page, in one streaming pass of htmlparser2's
 * tokenizer: every `<script>` (its `type` and text), the `<link>`s carrying `rel` and
 * `href`, and the `<meta>`s carrying `content`, in document order. The same tokenizer and
 * options as the cheerio document the parser used to build (`load(body, { xml: { xmlMode:
 * false, decodeEntities: true } })`), so the same elements, attributes and texts, without
 * building the page's DOM or loading cheerio (parse-jsonld.test.ts compares the two).
 *
 * The events are mirrored the way htmlparser2's DomHandler builds its tree: an element
 * per `onopentag` (implied ones too), closed by the next `onclosetag`, and an element's
 * text (`$(element).text()`) is every text event while it is open; comments are not text.
 */
import { Parser } from 'htmlparser2';

export interface ScriptBlock {
  /** The `type` attribute as written (entities decoded), or null when absent. */
  type: string | null;
  text: string;
}

export interface HtmlBlocks {
  /** Every `<script>` element, in document order (its index is its position among them). */
  scripts: ScriptBlock[];
  /** `<link>` elements with both `rel` and `href` (`link[rel][href]`). */
  links: { rel: string; href: string }[];
  /** `<meta>` elements with `content` (`meta[content]`): their `property`, `name` and `content`. */
  metas: { property: string | undefined; name: string | undefined; content: string }[];
}

type Attributes = Record<string, string>;

export function htmlBlocks(body: string): HtmlBlocks {
  const blocks: HtmlBlocks = { scripts: [], links: [], metas: [] };
  /** Per open element, the script it is (or null), as DomHandler's tag stack. */
  const open: (ScriptBlock | null)[] = [];
  /** Scripts currently open: a text event belongs to each (textContent is recursive). */
  let openScripts = 0;
  const parser = new Parser(
    {
      onopentag(name: string, attribs: Attributes) {
        let script: ScriptBlock | null = null;
        if (name === 'script') {
          script = { type: Object.hasOwn(attribs, 'type') ? attribs.type! : null, text: '' };
          blocks.scripts.push(script);
          openScripts += 1;
        } else if (name === 'link') {
          if (Object.hasOwn(attribs, 'rel') && Object.hasOwn(attribs, 'href'))
            blocks.links.push({ rel: attribs.rel!, href: attribs.href! });
        } else if (name === 'meta' && Object.hasOwn(attribs, 'content')) {
          blocks.metas.push({
            property: Object.hasOwn(attribs, 'property') ? attribs.property : undefined,
            name: Object.hasOwn(attribs, 'name') ? attribs.name : undefined,
            content: attribs.content!,
          });
        }
        open.push(script);
      },
      onclosetag() {
        if (open.pop() && openScripts > 0) openScripts -= 1;
      },
      ontext(data: string) {
        if (openScripts === 0) return;
        for (const element of open) if (element) element.text += data;
      },
    },
    { xmlMode: false, decodeEntities: true },
  );
  parser.end(body);
  return blocks;
}
