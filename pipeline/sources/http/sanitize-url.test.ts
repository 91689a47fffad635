import assert from 'node:assert/strict';
import { sanitizeUrl, scrubText } from './sanitize-url.ts';
import { backoffDelay, parseRetryAfter } from './retry-after.ts';

describe('sanitizeUrl', () => {
  it('removes Adzuna keys, OAuth secrets, any *key*/*token*/*secret* parameter and userinfo', () => {
    const url =
      'https://user:pw@api.adzuna.com/v1/api/jobs/fr/search/1?app_id=ID123&app_key=KEY456&what=data+scientist&access_token=T&client_secret=S&apiKey=K&x-token=Z&mySecret=Q&page=2';
    const clean = sanitizeUrl(url);
    assert.equal(clean, 'https://api.adzuna.com/v1/api/jobs/fr/search/1?what=data+scientist&page=2');
    for (const secret of ['ID123', 'KEY456', 'user', 'pw@', '=T', '=S', '=K', '=Z', '=Q'])
      assert.ok(!clean.includes(secret), secret);
  });

  it('leaves ordinary URLs alone and never throws on garbage', () => {
    assert.equal(sanitizeUrl('https://example.org/jobs/a?lang=fr#top'), 'https://example.org/jobs/a?lang=fr#top');
    assert.equal(sanitizeUrl('not a url'), '[unparseable URL]');
  });

  it('scrubs URLs inside text and masks known secret values', () => {
    const text = 'GET https://h.test/s?app_key=abcdef&what=x failed; server said: invalid key abcdef';
    assert.equal(scrubText(text, ['abcdef']), 'GET https://h.test/s?what=x failed; server said: invalid key ***');
  });
});

describe('Retry-After and backoff', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
  });

  it('doubles per retry, caps, and keeps half the delay fixed under jitter', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((a) => backoffDelay(a, 1000, 8000, () => 0)),
      [500, 1000, 2000, 4000, 4000],
    );
    assert.deepEqual(
      [1, 2].map((a) => backoffDelay(a, 1000, 8000, () => 0.999999)),
      [1000, 2000],
    );
  });
});
