import assert from 'node:assert/strict';
import { GENERATED_POSTINGS_LABEL, generatedPostingsNotice, generatedShare } from './generated-postings.ts';

describe('results: generated-postings notice', function () {
  it('labels a run made only of generated postings', function () {
    assert.equal(generatedPostingsNotice({ sample: 1928 }), `${GENERATED_POSTINGS_LABEL}.`);
  });

  it('says which share of a mixed run is generated', function () {
    const notice = generatedPostingsNotice({ adzuna: 120, sample: 300, wttj: 0, francetravail: 30 })!;
    assert.ok(notice.startsWith(GENERATED_POSTINGS_LABEL), notice);
    assert.match(
      notice,
      /300 of 450 postings \(66\.7 %\) come from the generated sample source; the rest are collected \(adzuna 120, francetravail 30\)/,
    );
    assert.deepEqual(generatedShare({ adzuna: 120, sample: 300 }), {
      generated: 300,
      total: 420,
      others: [{ source: 'adzuna', count: 120 }],
    });
  });

  it('says nothing when no posting is generated', function () {
    assert.equal(generatedPostingsNotice({ adzuna: 5, francetravail: 7 }), null);
    assert.equal(generatedPostingsNotice({ sample: 0, adzuna: 5 }), null);
    assert.equal(generatedPostingsNotice({}), null);
  });
});
