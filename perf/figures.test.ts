import assert from 'node:assert/strict';
import { formatFigure, pairedRatios, summarize } from './figures.ts';

describe('perf figures', function () {
  it('reports the median with an interval that contains it', function () {
    const figure = summarize([10, 12, 11, 50, 9], 'rows/s');
    assert.equal(figure.median, 11);
    assert.ok(figure.median !== null && figure.ciLow <= 11 && figure.ciHigh >= 11);
    assert.equal('n' in figure && figure.n, 5);
  });

  it('is null with a reason when nothing was measured, never zero', function () {
    const figure = summarize([Number.NaN], 'x');
    assert.equal(figure.median, null);
    assert.match(formatFigure(figure), /^null \(no successful repetition\)$/);
  });

  it('pairs ratios repetition by repetition and drops unusable pairs', function () {
    assert.deepEqual(pairedRatios([10, 20, 30], [5, 0, 10]), [2, 3]);
  });
});
