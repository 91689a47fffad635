import assert from 'node:assert/strict';
import { makePostings } from '../../../providers/testing/posting-fixtures.ts';
import { mayHoldUnstorableText, unloadableReason } from './unloadable-posting.ts';

const posting = makePostings(1)[0]!;
const line = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('unloadableReason', function () {
  it('accepts a canonical posting, accents and characters outside the BMP included', function () {
    const fine = { ...posting, title: 'Ingénieur données 😀 ✓', description: '\ud83d\ude00 — 𝔸' };
    assert.equal(unloadableReason(fine, line(fine)), null);
    assert.equal(unloadableReason(fine), null);
  });

  it('names U+0000 and an unpaired surrogate with the field they are in, wherever they are', function () {
    const cases: [unknown, RegExp][] = [
      [{ ...posting, company: 'Acme\u0000' }, /U\+0000 \(NUL\) in company$/],
      [{ ...posting, title: 'cut \ud83d' }, /unpaired surrogate \(U\+D83D\) in title$/],
      [{ ...posting, title: '\udc00 first' }, /unpaired surrogate \(U\+DC00\) in title$/],
      [{ ...posting, title: 'two highs \ud83d\ud83d\ude00' }, /unpaired surrogate \(U\+D83D\) in title$/],
      [{ ...posting, location: { ...posting.location, city: '\u0000' } }, /in location\.city$/],
      [{ ...posting, skills: ['sql', 'py\udfff'] }, /in skills\[1\]$/],
      [{ ...posting, duplicates: [{ source: 'a', sourceId: '\u0000', url: null }] }, /in duplicates\[0\]\.sourceId$/],
      [{ ...posting, 'ke\u0000y': 1 }, /in a field name/],
    ];
    for (const [record, reason] of cases) {
      const found = unloadableReason(record, line(record));
      assert.match(found ?? 'null', /^text the warehouse cannot store: /);
      assert.match(found!, reason);
    }
  });

  it('names a record that is not a canonical posting', function () {
    assert.match(unloadableReason({ ...posting, postedAt: 'not a date' })!, /^not a canonical posting: postedAt: /);
    assert.match(unloadableReason({ ...posting, title: '' })!, /^not a canonical posting: title/);
    const { salary: _salary, ...withoutSalary } = posting;
    assert.match(unloadableReason(withoutSalary)!, /salary/);
  });

  it('walks only lines with a \\u escape: JSON has no other way to carry such text', function () {
    assert.equal(mayHoldUnstorableText(line(posting)), false);
    assert.equal(mayHoldUnstorableText(line({ t: '\u0000' })), true);
    assert.equal(mayHoldUnstorableText(line({ t: '\ud800' })), true);
    // Raw bytes that are not UTF-8 decode to U+FFFD, never to a lone surrogate.
    assert.equal(JSON.parse(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]).toString('utf8')), '\ufffd\ufffd\ufffd');
  });
});
