import assert from 'node:assert/strict';
import { providerFixture, resultsFixture } from '../../results/fixtures/results-fixture.ts';
import { toCloudPageData } from './cloud-data.ts';

describe('comparison page data: where each figure was measured from', () => {
  const colour = () => '#000';

  it('labels each provider with its vantage point, and files written before it was recorded as such', () => {
    const run = resultsFixture({
      providers: [
        providerFixture('aws', { vantage: { kind: 'in-region', region: 'eu-west-3', runtime: 'aws-lambda' } }),
        providerFixture('gcp', { vantage: { kind: 'external', region: null, runtime: null } }),
        providerFixture('local', { emulated: true, vantage: { kind: 'this-machine', region: null, runtime: null } }),
        providerFixture('azure'),
      ],
    });
    const [view] = toCloudPageData([run], colour).runs;
    assert.deepEqual(
      view!.providers.map((p) => [p.name, p.vantage]),
      [
        ['aws', 'in-region eu-west-3 (aws-lambda)'],
        ['gcp', 'external'],
        ['local', 'this machine'],
        ['azure', 'not recorded'],
      ],
    );
  });

  it("says a comparison was assembled from the runners' runs instead of naming one machine", () => {
    const machine = { cpus: 2, memoryBytes: 4e9, node: 'v22.0.0', platform: 'linux', arch: 'arm64' };
    const run = resultsFixture({
      combinedFrom: [
        { provider: 'aws', runId: '20261205T090000Z-aaaaaa', finishedAt: '2026-12-05T09:10:00.000Z', machine },
        { provider: 'gcp', runId: '20261205T093000Z-bbbbbb', finishedAt: '2026-12-05T09:40:00.000Z', machine },
      ],
    });
    const [view] = toCloudPageData([run], colour).runs;
    assert.equal(view!.machine, 'combined from aws run 20261205T090000Z-aaaaaa, gcp run 20261205T093000Z-bbbbbb');
  });
});
