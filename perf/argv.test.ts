import assert from 'node:assert/strict';
import { argValue, numberArg } from './argv.ts';

describe('perf script flags', function () {
  const saved = process.argv;
  afterEach(function () {
    process.argv = saved;
  });
  const withArgs = (...args: string[]) => {
    process.argv = ['node', 'script.ts', ...args];
  };

  it('reads a value, a number, and undefined for an absent flag', function () {
    withArgs('--store', 'harness-fs', '--scale', '20000', '--workers', '0');
    assert.equal(argValue('store'), 'harness-fs');
    assert.equal(numberArg('scale'), 20000);
    assert.equal(numberArg('workers'), 0);
    assert.equal(argValue('tmp'), undefined);
    assert.equal(numberArg('reps'), undefined);
  });

  it('refuses a flag without its value and a number that is not one', function () {
    withArgs('--scale', '--rerun', '--reps', 'five', '--tmp');
    assert.throws(() => numberArg('scale'), /--scale needs a value/);
    assert.throws(() => numberArg('reps'), /--reps takes a number, got "five"/);
    assert.throws(() => argValue('tmp'), /--tmp needs a value/);
  });
});
