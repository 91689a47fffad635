/**
 * Posting URLs (issue #16, finding 9 transform side): only absolute http(s) URLs are
 * stored; any other scheme, however it is spelled, is dropped and the posting flagged.
 */
import assert from 'node:assert/strict';
import { parsePayload } from '../parsers/parse-payload.ts';
import { checkPostingUrl } from './safe-url.ts';

const context = {
  source: 'hostile',
  rawKey: 'raw/source=hostile/dt=2026-12-01/run=r1/0.json',
  collectedAt: '2026-12-01T10:00:00.000Z',
  pageUrl: null,
};

const DROPPED: [input: string, flag: string][] = [
  ['javascript:alert(document.cookie)', 'url-dropped:scheme=javascript'],
  ['JaVaScRiPt:alert(1)', 'url-dropped:scheme=javascript'],
  ['  javascript:alert(1)', 'url-dropped:scheme=javascript'],
  ['java\tscript:alert(1)', 'url-dropped:scheme=javascript'],
  ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'url-dropped:scheme=data'],
  ['vbscript:msgbox(1)', 'url-dropped:scheme=vbscript'],
  ['file:///etc/passwd', 'url-dropped:scheme=file'],
  ['ftp://files.example/job.pdf', 'url-dropped:scheme=ftp'],
  ['mailto:jobs@example.fr', 'url-dropped:scheme=mailto'],
  ['//evil.example/phish', 'url-dropped:unparseable'],
  ['/jobs/42', 'url-dropped:unparseable'],
  ['not a url', 'url-dropped:unparseable'],
];

describe('posting URLs', () => {
  for (const [input, flag] of DROPPED) {
    it(`drops ${JSON.stringify(input)}`, () => assert.deepEqual(checkPostingUrl(input), { url: null, flag }));
  }

  it('keeps http(s) URLs as written', () => {
    for (const url of [
      'https://www.adzuna.fr/land/ad/1?se=x&v=2',
      'http://candidat.francetravail.fr/offres/1',
      'https://jobs.example/offre-ingénieur',
    ]) {
      assert.deepEqual(checkPostingUrl(url), { url, flag: null });
    }
    assert.deepEqual(checkPostingUrl('  https://a.example/x  '), { url: 'https://a.example/x', flag: null });
  });

  it('stores the parsed form of a URL holding characters a browser ignores or escapes', () => {
    assert.deepEqual(checkPostingUrl('ht\ttps://a.example/x y'), { url: 'https://a.example/x%20y', flag: null });
  });

  it('nothing given is nothing flagged', () => {
    for (const value of [null, undefined, '', '  ', 42])
      assert.deepEqual(checkPostingUrl(value), { url: null, flag: null });
  });

  it('every format drops a non-http(s) posting URL and flags the posting', () => {
    const adzuna = JSON.stringify({
      results: [{ id: '1', title: 'Data Engineer', redirect_url: 'javascript:alert(1)' }],
    });
    const francetravail = JSON.stringify({
      resultats: [
        { id: '2', intitule: 'Data Analyst', origineOffre: { urlOrigine: 'data:text/html,<script>alert(1)</script>' } },
      ],
    });
    const node = {
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      identifier: 'J3',
      title: 'Dev Python',
      url: 'vbscript:msgbox(1)',
    };
    const jsonld = `<html><head><script type="application/ld+json">${JSON.stringify(node)}</script></head></html>`;
    for (const [format, body, flag] of [
      ['adzuna', adzuna, 'javascript'],
      ['francetravail', francetravail, 'data'],
      ['jsonld', jsonld, 'vbscript'],
    ] as const) {
      const result = parsePayload(format, body, { ...context, source: format });
      assert.deepEqual(result.rejects, [], format);
      const posting = result.postings[0]!;
      assert.equal(posting.url, null, format);
      assert.deepEqual(posting.flags, [`url-dropped:scheme=${flag}`], format);
    }
  });
});
