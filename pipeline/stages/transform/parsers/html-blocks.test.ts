import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'cheerio';
import fc from 'fast-check';
import { htmlBlocks, type HtmlBlocks } from './html-blocks.ts';

/** What the JSON-LD parser read through a cheerio document before the streaming scan. */
function byCheerio(body: string): HtmlBlocks {
  const $ = load(body, { xml: { xmlMode: false, decodeEntities: true } });
  return {
    scripts: $('script')
      .toArray()
      .map((element) => ({ type: $(element).attr('type') ?? null, text: $(element).text() })),
    links: $('link[rel][href]')
      .toArray()
      .map((element) => ({ rel: $(element).attr('rel')!, href: $(element).attr('href')! })),
    metas: $('meta[content]')
      .toArray()
      .map((element) => ({
        property: $(element).attr('property'),
        name: $(element).attr('name'),
        content: $(element).attr('content')!,
      })),
  };
}

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** Pieces of HTML that bend the tokenizer: unclosed and nested blocks, comments, foreign content, entities, case. */
const PIECES = [
  '<script type="application/ld+json">',
  '<SCRIPT TYPE=" Application/LD+JSON ">',
  "<script type='text/javascript'>",
  '<script>',
  '</script>',
  '</SCRIPT >',
  '{"@type":"JobPosting","title":"Data &amp; IA"}',
  '<!-- <script type="application/ld+json">{}</script> -->',
  '<!--',
  '-->',
  '<![CDATA[ x ]]>',
  '<svg>',
  '</svg>',
  '<math><script>',
  '<textarea>',
  '</textarea>',
  '<title>',
  '</title>',
  '<link rel="canonical" href="/a?x=1&amp;y=2">',
  '<LINK REL="Canonical Stylesheet" HREF=https://ex.com/b>',
  '<link rel href>',
  '<link href="/only-href">',
  '<meta property="og:url">',
  '<link rel="canonical">',
  '<meta property="og:url" content="https://ex.com/c">',
  '<meta name="OG:URL" content="">',
  '<meta content="x" property="a" property="b">',
  '<meta name="x">',
  '<p>',
  '</p>',
  '</br>',
  '<div>',
  '</div>',
  '<template>',
  '</template>',
  '<',
  '>',
  '&lt;',
  '&#0;',
  ' ',
  'text',
  '\u0000',
  '"',
];

describe('htmlBlocks: the scripts, links and metas of a page in one streaming pass', () => {
  it('finds what a cheerio document finds in every HTML fixture', () => {
    const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.html'));
    assert.ok(files.length >= 5);
    for (const file of files) {
      const body = readFileSync(new URL(file, FIXTURES), 'utf8');
      assert.deepEqual(htmlBlocks(body), byCheerio(body), file);
    }
  });

  it('finds what a cheerio document finds in pages made of tokenizer traps', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const body = pieces.join('');
        assert.deepEqual(htmlBlocks(body), byCheerio(body));
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps the text of a script left open to the end of the page, and nothing of comments', () => {
    const blocks = htmlBlocks('<script type="application/ld+json">{"a":1}<!-- x --> <p>');
    assert.deepEqual(blocks.scripts, [{ type: 'application/ld+json', text: '{"a":1}<!-- x --> <p>' }]);
    assert.deepEqual(htmlBlocks('<div><!-- <script>x</script> --></div>').scripts, []);
  });
});
