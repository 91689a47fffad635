/**
 * Invalid UTF-8 (issue #16, finding 13b): bytes that are not UTF-8 used to become U+FFFD
 * without a word. The decoder now counts the replacement characters it produced, the
 * chunk output carries the count, the postings holding one are flagged, and the quality
 * report counts them at both stages.
 */
import assert from 'node:assert/strict';
import { qualityReport, rawQualityReport } from '../../quality/quality.ts';
import { transformPages } from '../transform-pages.ts';
import { decodeUtf8 } from './utf8-decode.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const NOW = new Date('2026-12-01T12:00:00.000Z');

describe('invalid UTF-8', () => {
  const CASES: [name: string, input: Buffer, replacements: number][] = [
    ['valid text with accents and an emoji', bytes('Ingénieur données 🚀'), 0],
    ['a U+FFFD the source wrote itself', bytes('Data \uFFFD Engineer'), 0],
    ['a lone continuation byte', bytes('Ing', [0x80], 'nieur'), 1],
    ['a truncated 3-byte sequence at the end', bytes('Data ', [0xe2, 0x82]), 1],
    ['an overlong encoding of "/"', bytes('a', [0xc0, 0xaf], 'b'), 2],
    ['a UTF-16 surrogate encoded in UTF-8 (CESU)', bytes('x', [0xed, 0xa0, 0x80], 'y'), 3],
    ['Latin-1 text read as UTF-8', Buffer.from("Ingénieur d'études à Évry", 'latin1'), 4],
    ['0xFF and 0xFE', bytes([0xff, 0xfe], 'ok'), 2],
    ['a real U+FFFD next to a broken byte', bytes('\uFFFD', [0x80]), 1],
  ];
  for (const [name, input, replacements] of CASES) {
    it(`counts the replacements decoding ${name}`, () => {
      const decoded = decodeUtf8(input);
      assert.equal(decoded.text, input.toString('utf8'));
      assert.equal(decoded.replacements, replacements);
    });
  }

  it('counts them per chunk and flags the postings that hold one', () => {
    const body = bytes(
      '{"results":[{"id":"1","title":"Ing',
      [0xe9],
      'nieur data","description":"Python"},{"id":"2","title":"Data Analyst","description":"SQL"}]}',
    );
    const meta = JSON.stringify({
      source: 'adzuna',
      format: 'adzuna',
      url: 'https://api.adzuna.com/v1/api/jobs/fr/search/1',
      status: 200,
      fetchedAt: NOW.toISOString(),
      ext: 'json',
    });
    const out = transformPages([
      { source: 'adzuna', rawKey: 'raw/source=adzuna/dt=2026-12-01/run=r1/0.json', body, meta: Buffer.from(meta) },
    ]);
    assert.equal(out.postings, 2);
    assert.equal(out.invalidUtf8, 1);
    const postings = Buffer.from(out.clean)
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { sourceId: string; title: string; flags?: string[] });
    const broken = postings.find((p) => p.sourceId === '1')!;
    assert.equal(broken.title, 'Ing\uFFFDnieur data');
    assert.deepEqual(broken.flags, ['replacement-characters:title']);
    assert.equal(postings.find((p) => p.sourceId === '2')!.flags, undefined);
  });

  it('the quality report counts records holding replacement or unstorable characters, and unsafe URLs', () => {
    const body = bytes(
      '{"results":[{"id":"1","title":"Ing',
      [0xe9],
      'nieur","redirect_url":"javascript:alert(1)"},{"id":"2","title":"Data\\u0000 Analyst"}]}',
    );
    const decoded = decodeUtf8(body);
    const raw = rawQualityReport([{ format: 'adzuna', body: decoded.text, invalidUtf8: decoded.replacements }], {
      now: NOW,
    });
    assert.equal(raw.validity.replacementCharacters, 1);
    assert.equal(raw.validity.unstorableCharacters, 1);
    assert.equal(raw.validity.unsafeUrl, 1);
    assert.equal(raw.decoding.invalidUtf8, 1);
    const clean = qualityReport(
      [
        { id: 'a', title: 'Ing\uFFFDnieur', url: 'https://ok.example/1' },
        { id: 'b', title: 'Data Analyst', url: null },
      ],
      { now: NOW },
    );
    assert.equal(clean.validity.replacementCharacters, 1);
    assert.equal(clean.validity.unstorableCharacters, 0);
    assert.equal(clean.validity.unsafeUrl, 0);
    assert.equal(clean.decoding.invalidUtf8, null, 'not measured on clean postings');
  });
});
