/**
 * Hostile markup (issue #16, finding 9 transform side, and 13a): text escaped twice or
 * more, tags nested inside tags, and unclosed tags. Whatever the input, a cleaned text
 * holds no tag-like markup (`<` followed by a letter, `/`, `!` or `?`), and the
 * stripper's cost grows linearly with the input.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePayload } from '../parsers/parse-payload.ts';
import { cleanLine, cleanText, stripHtml } from './text.ts';
import { hasUnstorableCharacters } from './unsafe-characters.ts';

/** What a browser (or Plotly's HTML subset) would read as the start of a tag or comment. */
const TAG_LIKE = /<[A-Za-z/!?]/;

const HOSTILE: [name: string, input: string][] = [
  ['escaped twice', '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Data Engineer'],
  ['escaped three times', '&amp;amp;lt;img src=x onerror=alert(1)&amp;amp;gt;Data'],
  ['escaped ten times', `${'&amp;'.repeat(1)}${'amp;'.repeat(9)}lt;b onmouseover=alert(1)&gt;x`],
  ['nested tag', '<<b>b>img src=x onerror=alert(1)>Data'],
  ['nested twice', '<<<i>i>b>b>img onerror=alert(1)>x'],
  ['nested closing tag', '<</b>/b>script>alert(1)<</b>/b>/script>'],
  ['entity inside a tag name', '<scr&#105;pt>alert(1)</scr&#105;pt>'],
  ['split by a comment', '<<!-- -->img src=x onerror=alert(1)>'],
  ['unclosed tag at the end', 'Data Engineer <img src=x onerror=alert(1)'],
  ['unclosed comment', 'Data <!-- <a href="javascript:alert(1)">'],
  ['bogus comment', 'Data <?php echo 1 ?> <!doctype html>'],
  ['numeric entities', '&#60;a href=&#34;https://evil.example/phish&#34;&#62;click&#60;/a&#62;'],
  ['hex entities without semicolons', '&#x3c;span style=x&#x3e;Data&#x3c;/span&#x3e;'],
  ['legacy entities without semicolons', '&ltimg src=x onerror=alert(1)&gt'],
  ['a control inside the tag opener', '<\u0000img src=x onerror=alert(1)>Data'],
  ['a control written as an entity', '<&#1;img src=x onerror=alert(1)>Data'],
  ['a zero-width space written as an entity', '<&#8203;img src=x onerror=alert(1)>Data'],
];

describe('text cleaning to a fixed point', () => {
  for (const [name, input] of HOSTILE) {
    it(`leaves no tag-like markup: ${name}`, () => {
      for (const clean of [cleanText, cleanLine]) {
        const out = clean(input);
        assert.doesNotMatch(out, TAG_LIKE, `${clean.name}(${JSON.stringify(input)}) = ${JSON.stringify(out)}`);
      }
    });
  }

  it('keeps the words of double-escaped markup', () => {
    assert.equal(cleanLine('&amp;lt;b&amp;gt;Data&amp;lt;/b&amp;gt; Engineer'), 'Data Engineer');
    assert.equal(cleanLine('&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Data Engineer'), 'Data Engineer');
    // The inner tag goes, then the outer one it revealed: what is left is text, not a tag.
    assert.equal(cleanLine('<<b>b>img src=x onerror=alert(1)>Data'), 'img src=x onerror=alert(1)>Data');
  });

  it('leaves plain comparisons alone', () => {
    assert.equal(cleanLine('salaire < 40 k€ et > 30 k€'), 'salaire < 40 k€ et > 30 k€');
    assert.equal(cleanLine('a<3 & b>2'), 'a<3 & b>2');
    assert.equal(cleanText('R&amp;D, M&amp;A'), 'R&D, M&A');
  });

  it('holds for any mix of markup fragments (property)', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '/',
      '!',
      '?',
      '-',
      '&',
      ';',
      'amp;',
      'lt;',
      'gt;',
      '#60;',
      '#x3c;',
      '#1;',
      '#8203;',
      'b',
      'img',
      'script',
      ' ',
      '"',
      '=',
      '<!--',
      '-->',
      '\n',
      '\u0000',
      '\u200B',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const input = pieces.join('');
        assert.doesNotMatch(cleanText(input), TAG_LIKE, JSON.stringify(input));
        assert.doesNotMatch(cleanLine(input), TAG_LIKE, JSON.stringify(input));
        assert.ok(!hasUnstorableCharacters(cleanText(input)), JSON.stringify(input));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('markup in every text field of a posting', () => {
  it('no text field of a JSON-LD posting keeps tag-like markup', () => {
    const node = {
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      identifier: 'J1',
      url: 'https://jobs.example/1',
      title: '&amp;lt;img src=x onerror=alert(1)&amp;gt;Data Engineer',
      hiringOrganization: { name: '<a href="https://evil.example/phish">Acme</a>' },
      description: '<<b>b>img src=x onerror=alert(1)>Python',
      datePosted: '2026-11-30',
      jobLocation: {
        address: {
          addressLocality: '<span style="font-size:90px">Lyon</span>',
          postalCode: '&lt;b&gt;69003',
          addressRegion: '<<i>i>b>Rhône',
        },
      },
      baseSalary: {
        '@type': 'MonetaryAmount',
        currency: 'EUR',
        value: { '@type': 'QuantitativeValue', value: 50000, unitText: 'YEAR' },
      },
    };
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(node)}</script></head></html>`;
    const result = parsePayload('jsonld', html, {
      source: 'jsonld',
      rawKey: 'raw/0.html',
      collectedAt: '2026-12-01T10:00:00.000Z',
      pageUrl: null,
    });
    assert.deepEqual(result.rejects, []);
    const posting = result.postings[0]!;
    const texts = {
      title: posting.title,
      company: posting.company,
      description: posting.description,
      ...posting.location,
      salaryRaw: posting.salary.raw,
    };
    for (const [field, value] of Object.entries(texts)) {
      if (typeof value === 'string') assert.doesNotMatch(value, TAG_LIKE, `${field} = ${JSON.stringify(value)}`);
    }
    assert.equal(posting.company, 'Acme');
    assert.equal(posting.location.city, 'Lyon');
  });
});

describe('HTML stripper cost (finding 13a)', function () {
  this.timeout(60_000);

  /** Fastest of five runs, in ms: on a shared machine a single run measures its neighbours too. */
  function timeOf(input: string): number {
    let fastest = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      stripHtml(input);
      fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return fastest;
  }

  const UNCLOSED: [name: string, unit: string][] = [
    ['line tags', '<br '],
    ['script blocks', '<script>x'],
    ['comments', '<!-- x'],
    ['inline tags', '<a x'],
    ['bare brackets', '<'],
    ['entities', '&amp;lt;'],
  ];

  for (const [name, unit] of UNCLOSED) {
    it(`is linear on 800 KB of unclosed ${name}`, () => {
      const small = unit.repeat(Math.ceil(100_000 / unit.length));
      const large = unit.repeat(Math.ceil(800_000 / unit.length));
      const ratio = timeOf(large) / Math.max(timeOf(small), 1);
      // 8× the input: linear is ~8×, quadratic ~64×. Very loose, speed targets live in benchmarks.
      assert.ok(ratio < 30, `800 KB took ${ratio.toFixed(1)}× the time of 100 KB`);
      const start = Date.now();
      stripHtml(large);
      assert.ok(Date.now() - start < 5_000, `800 KB took ${Date.now() - start} ms`);
    });
  }
});
