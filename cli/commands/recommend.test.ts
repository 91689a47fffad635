import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeResults } from '../../dashboards/fixtures/results-fixture.ts';
import { recommendCommand } from './recommend.ts';

describe('jobbench recommend', function () {
  let dir: string;
  let out = '';
  const io = () => ({ stdout: (t: string) => void (out += t), stderr: () => {}, isTTY: false, env: {}, cwd: dir });

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-recommend-cli-'));
    await writeFile(
      path.join(dir, 'emulated.json'),
      JSON.stringify(makeResults('20261128T100000Z-e1e1e1', '2026-11-28T10:00:00.000Z', 1, { clouds: 'emulated' })),
    );
    await writeFile(
      path.join(dir, 'measured.json'),
      JSON.stringify(makeResults('20261128T100000Z-f2f2f2', '2026-11-28T10:00:00.000Z', 1, { clouds: 'measured' })),
    );
  });
  after(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(() => void (out = ''));

  it('prints "no recommendation:" on an all-emulated file, with the ranking labelled emulated', async function () {
    assert.equal(await recommendCommand({ results: 'emulated.json', weights: {}, json: false }, io()), 0);
    assert.match(out, /^no recommendation: every cloud figure comes from an emulator \(/m);
    assert.match(out, /Ranking of emulated figures/);
    assert.match(out, /gcp \(emulated\)/);
    assert.doesNotMatch(out, /top choice|top-ranked|^recommendation:/im);
  });

  it('ranks only aws, gcp and azure on measured clouds, with P(first) summing to 1 and local as a reference', async function () {
    assert.equal(await recommendCommand({ results: 'measured.json', weights: {}, json: true }, io()), 0);
    const rec = JSON.parse(out) as {
      ranking: { provider: string; probabilityFirst: number }[];
      reference: { provider: string }[];
      decision: { kind: string; cloud?: string };
    };
    assert.deepEqual(rec.ranking.map((r) => r.provider).sort(), ['aws', 'azure', 'gcp']);
    const total = rec.ranking.reduce((n, r) => n + r.probabilityFirst, 0);
    assert.ok(Math.abs(total - 1) < 0.005, `sum ${total}`);
    assert.deepEqual(
      rec.reference.map((r) => r.provider),
      ['local'],
    );
    assert.deepEqual(rec.decision, { ...rec.decision, kind: 'cloud', cloud: 'gcp' });
    out = '';
    await recommendCommand({ results: 'measured.json', weights: {}, json: false }, io());
    assert.match(out, /P\(first\)/);
    assert.match(out, /local \(reference, this machine\)\s*│?\s*not ranked/);
    assert.match(out, /^recommendation: gcp — gcp ranks first in 100 % of 2000 draws/m);
    assert.doesNotMatch(out, /no recommendation/);
  });

  it('applies the user weights: leaning on latency puts aws first', async function () {
    await recommendCommand({ results: 'measured.json', weights: { latency: 5 }, json: true }, io());
    const rec = JSON.parse(out) as { ranking: { provider: string }[]; weights: Record<string, number> };
    assert.equal(rec.weights.latency, 5);
    assert.equal(rec.ranking[0]!.provider, 'aws');
  });

  it('refuses a missing file as bad usage', async function () {
    await assert.rejects(
      recommendCommand({ results: 'missing.json', weights: {}, json: false }, io()),
      (e: Error) => e.name === 'UsageError',
    );
  });
});
