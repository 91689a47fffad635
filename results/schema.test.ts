import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resultsJsonSchema, RESULTS_SCHEMA_VERSION, type Results } from './schema.ts';
import { InvalidResultsError, validateResults } from './validate.ts';

export function minimalResults(): Results {
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: '20261128T100000Z-abc123',
    startedAt: '2026-11-28T10:00:00.000Z',
    finishedAt: '2026-11-28T10:01:00.000Z',
    status: 'ok',
    tool: { version: '0.1.0', gitSha: null },
    machine: { cpus: 2, memoryBytes: 24e9, node: 'v20.20.2', platform: 'linux', arch: 'x64' },
    workload: { sources: ['sample'], scale: 100, seed: 42 },
    providers: [],
    recommendation: null,
  };
}

describe('results schema', function () {
  it('the published JSON Schema file matches the zod schema', async function () {
    const published = JSON.parse(await readFile(new URL('./results.schema.json', import.meta.url), 'utf8'));
    assert.deepEqual(published, resultsJsonSchema(), 'run `npm run results:schema` and commit the file');
  });

  it('accepts a minimal valid file', function () {
    assert.doesNotThrow(() => validateResults(minimalResults()));
  });

  it('rejects a file with a wrong type and says where', function () {
    const bad = { ...minimalResults(), workload: { sources: 'sample', scale: -1, seed: 1 } };
    assert.throws(() => validateResults(bad), (e: unknown) => {
      assert.ok(e instanceof InvalidResultsError);
      assert.ok(e.problems.some((p) => p.startsWith('/workload/sources')), e.problems.join('\n'));
      assert.ok(e.problems.some((p) => p.startsWith('/workload/scale')), e.problems.join('\n'));
      return true;
    });
  });

  it('rejects unknown cost written as a string instead of null', function () {
    const r = minimalResults();
    const provider = {
      name: 'local', region: 'local', emulated: true, endpointFingerprint: 'x', status: 'ok', reason: null,
      pipeline: null, scenarios: [], reliability: null, quality: null, sources: null,
      cost: { currency: 'USD', total: 'unknown', breakdown: [], freeTierApplied: false, note: null },
    };
    assert.throws(() => validateResults({ ...r, providers: [provider] }), InvalidResultsError);
  });
});
