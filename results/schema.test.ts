import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resultsFixture } from './fixtures/results-fixture.ts';
import { resultsJsonSchema } from './schema.ts';
import { InvalidResultsError, validateResults } from './validate.ts';

describe('results schema', function () {
  it('the published JSON Schema file matches the zod schema', async function () {
    const published = JSON.parse(await readFile(new URL('./results.schema.json', import.meta.url), 'utf8'));
    assert.deepEqual(published, resultsJsonSchema(), 'run `npm run results:schema` and commit the file');
  });

  it('accepts a minimal valid file', function () {
    assert.doesNotThrow(() => validateResults(resultsFixture()));
  });

  it('rejects a file with a wrong type and says where', function () {
    const bad = { ...resultsFixture(), workload: { sources: 'sample', scale: -1, seed: 1 } };
    assert.throws(
      () => validateResults(bad),
      (e: unknown) => {
        assert.ok(e instanceof InvalidResultsError);
        assert.ok(
          e.problems.some((p) => p.startsWith('/workload/sources')),
          e.problems.join('\n'),
        );
        assert.ok(
          e.problems.some((p) => p.startsWith('/workload/scale')),
          e.problems.join('\n'),
        );
        return true;
      },
    );
  });

  it('rejects unknown cost written as a string instead of null', function () {
    const r = resultsFixture();
    const provider = {
      name: 'local',
      region: 'local',
      emulated: true,
      endpointFingerprint: 'x',
      status: 'ok',
      reason: null,
      pipeline: null,
      scenarios: [],
      reliability: null,
      quality: null,
      sources: null,
      cost: { currency: 'USD', total: 'unknown', breakdown: [], freeTierApplied: false, note: null },
    };
    assert.throws(() => validateResults({ ...r, providers: [provider] }), InvalidResultsError);
  });
});
