import assert from 'node:assert/strict';
import { bodySnippet } from './body-snippet.ts';
import { scrubText } from './sanitize-url.ts';
import { maskError, SecretMask } from './secret-mask.ts';

const KEY = 'Zk9+q/Wx=Lr7~Pm/Tt3=Hy8Kd2Vn+w==';

describe('SecretMask', () => {
  const mask = new SecretMask([KEY, 'id 42 x', 'abc']);

  it('masks the key raw, percent-encoded in either hex case, form-encoded, JSON-escaped and as HTML entities', () => {
    const forms = [
      KEY,
      encodeURIComponent(KEY),
      encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (percentEscape) => percentEscape.toLowerCase()),
      new URLSearchParams({ k: KEY }).toString().slice(2),
      JSON.stringify(KEY).slice(1, -1).replace(/\//g, '\\/'),
      KEY.replace(/\//g, '\\\\/'), // JSON inside JSON
      KEY.replace(/\+/g, '\\u002B').replace(/=/g, '\\u003d'),
      KEY.replace(/\+/g, '&#43;').replace(/\//g, '&#x2F;'),
      KEY.replace(/\+/g, ' '), // a `+` decoded as a form space
    ];
    for (const form of forms) assert.equal(mask.mask(`<${form}>`), '<***>', form);
  });

  it('masks a space in a secret spelled +, %20 or raw', () => {
    for (const form of ['id 42 x', 'id+42+x', 'id%2042%20x']) assert.equal(mask.mask(`[${form}]`), '[***]', form);
  });

  it('masks base64 and base64url, alone and inside a longer value (HTTP Basic id:secret) at every alignment', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'app-id:']) {
      for (const suffix of ['', 'x', 'xy']) {
        const encoded = Buffer.from(`${prefix}${KEY}${suffix}`);
        for (const text of [encoded.toString('base64'), encoded.toString('base64url')]) {
          const out = mask.mask(text);
          assert.ok(out.includes('***'), `${prefix}|${suffix}: ${out}`);
          // What is left around the mask is the prefix's and suffix's own characters (at most 4 each side).
          assert.ok(out.length - 3 <= Math.ceil(((prefix.length + 2) * 4) / 3) + 4 + 4, `${prefix}|${suffix}: ${out}`);
        }
      }
    }
  });

  it('ignores values too short to be a credential, and text without secrets is unchanged', () => {
    assert.equal(mask.mask('abc abcd'), 'abc abcd');
    assert.equal(new SecretMask([]).mask('anything'), 'anything');
    assert.equal(new SecretMask([undefined, null, '']).mask('anything'), 'anything');
  });

  it('masks values added later (an access token)', () => {
    const later = new SecretMask([]);
    later.add('tok-123456');
    assert.equal(later.mask('Bearer tok-123456'), 'Bearer ***');
  });

  it('masks an error in place: message, stack and causes', () => {
    const error = new Error(`outer ${encodeURIComponent(KEY)}`, { cause: new Error(`inner ${KEY}`) });
    maskError(error, mask);
    assert.equal(error.message, 'outer ***');
    assert.ok(!String(error.stack).includes(encodeURIComponent(KEY)));
    assert.equal((error.cause as Error).message, 'inner ***');
    const timeout = new Error('fetch failed', { cause: new DOMException(`aborted ${KEY}`, 'TimeoutError') });
    maskError(timeout, mask);
    assert.equal((timeout.cause as Error).message, 'aborted ***');
  });
});

describe('bodySnippet', () => {
  it('masks before the cut: a key straddling character 200 leaves no piece', () => {
    for (const at of [180, 190, 195, 199]) {
      const body = `${'x'.repeat(at)}${encodeURIComponent(KEY)} and more`;
      const snippet = bodySnippet(body, [KEY]);
      assert.equal(snippet.length, Math.min(200, at + 3 + 9));
      assert.ok(!snippet.includes('Zk9'), snippet);
    }
  });

  it('collapses whitespace and says when the body is empty', () => {
    assert.equal(bodySnippet('  a \n\n b  '), 'a b');
    assert.equal(bodySnippet('   '), '(empty body)');
  });
});

describe('scrubText', () => {
  it('masks a percent-encoded key inside a URL and a sentence', () => {
    const text = `GET https://h.test/s?k=${encodeURIComponent(KEY)}&what=x failed (server said: key ${encodeURIComponent(KEY)} unknown).`;
    const out = scrubText(text, [KEY]);
    assert.ok(!out.includes('Zk9'), out);
    assert.match(out, /\(server said: key \*\*\* unknown\)\.$/);
  });

  it('keeps punctuation that closes a sentence out of the URL it sanitizes', () => {
    assert.equal(
      scrubText('redirected to another origin (http://127.0.0.1:4000/); not followed'),
      'redirected to another origin (http://127.0.0.1:4000/); not followed',
    );
    assert.equal(scrubText('see https://h.test/a?app_key=K1234.'), 'see https://h.test/a.');
  });
});
