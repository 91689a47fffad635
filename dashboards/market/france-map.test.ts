import assert from 'node:assert/strict';
import { loadFranceMap, parseSvgPath, ringCentroid } from './france-map.ts';

describe('France map', function () {
  it('parses relative subpaths, restarting from the previous start after z', function () {
    const rings = parseSvgPath('m 10,10 10,0 0,10 -10,0 z m 30,0 5,0 0,5 z');
    assert.deepEqual(rings[0], [
      [10, 10],
      [20, 10],
      [20, 20],
      [10, 20],
    ]);
    // The second `m` is relative to (10,10), the start of the closed subpath.
    assert.deepEqual(rings[1], [
      [40, 10],
      [45, 10],
      [45, 15],
    ]);
  });

  it('computes the centroid of a square', function () {
    const c = ringCentroid([
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
    ]);
    assert.deepEqual([c.x, c.y, c.area], [2, 2, 16]);
  });

  it('has every metropolitan département with its INSEE name and région, and the overseas ones as insets', async function () {
    const map = await loadFranceMap();
    assert.equal(map.departements.length, 96);
    const paris = map.departements.find((d) => d.code === '75')!;
    assert.equal(paris.region, 'Île-de-France');
    assert.ok(paris.cx > 0 && paris.cx < map.width && paris.cy > 0 && paris.cy < map.height);
    assert.ok(map.departements.some((d) => d.code === '2A' && d.region === 'Corse'));
    assert.deepEqual(map.insets.map((i) => i.code).sort(), ['971', '972', '973', '974', '976']);
    // Finistère lies west of Bas-Rhin: the frame is not mirrored.
    assert.ok(map.departements.find((d) => d.code === '29')!.cx < map.departements.find((d) => d.code === '67')!.cx);
  });
});
