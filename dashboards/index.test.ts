import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeResults } from '../results/store.ts';
import {
  costFigure,
  freeTierFigure,
  latencyBarsFigure,
  latencyEcdfFigure,
  monthlyCostFigure,
  reliabilityFigure,
  stageDurationFigure,
  stageThroughputFigure,
} from './cloud/cloud-figures.ts';
import { toCloudRunView } from './cloud/cloud-data.ts';
import { makeResults } from './fixtures/results-fixture.ts';
import { buildDashboards } from './index.ts';
import { providerColour } from './palette.ts';

describe('buildDashboards', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-build-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('says in one sentence that the results directory is missing', async function () {
    await assert.rejects(
      buildDashboards({ resultsDir: path.join(dir, 'nope'), outDir: path.join(dir, 'out') }),
      (error: Error) => {
        assert.match(error.message, /^There is no results directory at .*nope: run `jobbench run` first/);
        assert.ok(!error.message.includes('\n'));
        return true;
      },
    );
  });

  it('builds the comparison without a market snapshot, skipping an invalid run file with a warning', async function () {
    const results = path.join(dir, 'results');
    await writeResults(makeResults('20261128T100000Z-d4e5f6', '2026-11-28T10:00:00.000Z'), results);
    await mkdir(path.join(results, 'runs'), { recursive: true });
    await writeFile(path.join(results, 'runs', '20261101T000000Z-broken.json'), '{"schemaVersion": 1}');
    const warnings: string[] = [];
    const built = await buildDashboards({
      resultsDir: results,
      outDir: path.join(dir, 'out'),
      onWarning: (m) => warnings.push(m),
    });
    assert.equal(built.jobMarket, null);
    const html = await readFile(built.cloudComparison, 'utf8');
    assert.ok(html.includes('20261128T100000Z-d4e5f6'));
    assert.ok(!/<script[^>]+src=|<link[^>]+href=/i.test(html), 'no external script or stylesheet');
    assert.ok(html.includes("default-src 'none'"));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /broken/);
  });

  it('refuses a results directory with no valid run', async function () {
    await mkdir(path.join(dir, 'results'), { recursive: true });
    await assert.rejects(
      buildDashboards({ resultsDir: path.join(dir, 'results'), outDir: path.join(dir, 'out') }),
      /There are no valid results in/,
    );
  });
});

describe('cost figure', function () {
  it('writes "unknown" for a provider without a cost, never a zero bar', function () {
    const view = toCloudRunView(makeResults('20261128T100000Z-d4e5f6', '2026-11-28T10:00:00.000Z'), providerColour);
    const figure = costFigure(view);
    const unknown = figure.data.find((t) => t.name === 'cost unknown')!;
    assert.deepEqual(unknown.x, ['local (emulated)']);
    assert.deepEqual(unknown.text, ['unknown']);
    for (const trace of figure.data.filter((t) => t.type === 'bar')) {
      const x = trace.x as string[];
      const y = trace.y as (number | null)[];
      assert.equal(y[x.indexOf('local (emulated)')], null);
    }
  });
});

describe('cloud figures on a partial run', function () {
  it('draw a failed provider as missing figures, not zeros, and survive a run without a ranking', function () {
    const results = makeResults('20261128T100000Z-d4e5f6', '2026-11-28T10:00:00.000Z');
    results.providers[2] = {
      ...results.providers[2]!,
      status: 'failed',
      reason: 'credentials expired',
      pipeline: null,
      scenarios: [],
      cost: null,
      reliability: null,
    };
    results.recommendation = null;
    const view = toCloudRunView(results, providerColour);
    assert.equal(view.ranking, null);
    const latency = latencyBarsFigure(view, ['store.put'], 'latency');
    const gcp = latency.data.find((t) => t.name === 'gcp')!;
    assert.deepEqual(gcp.y, [null]);
    assert.equal(latencyEcdfFigure(view, 'store.put').data.filter((t) => t.name === 'gcp').length, 0);
    assert.equal(stageThroughputFigure(view).data.length, 3);
    assert.equal(stageDurationFigure(view).data.length, 4);
    assert.deepEqual(costFigure(view).data.find((t) => t.name === 'cost unknown')!.x, ['local (emulated)', 'gcp']);
    assert.deepEqual(monthlyCostFigure(view).data.find((t) => t.name === 'projection unknown')!.x, [
      'local (emulated)',
      'gcp',
    ]);
    assert.ok(freeTierFigure(view).data.every((t) => t.name !== 'gcp'));
    assert.equal(reliabilityFigure(view).data.length, 3);
  });
});
