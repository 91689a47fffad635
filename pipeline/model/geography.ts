/**
 * French administrative geography from the official INSEE Code officiel géographique, as
 * packaged by Etalab in `@etalab/decoupage-administratif` (communes with postal codes,
 * départements, régions). Loaded lazily, once, then served from Maps: resolving a
 * location is a few lookups even over 100k+ postings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fold } from './fold.ts';

/** One commune or municipal arrondissement (Paris, Lyon, Marseille). */
export interface Commune {
  /** INSEE code ("75056", "2A004", "97411"). */
  code: string;
  name: string;
  departement: string;
  /** INSEE région code. */
  region: string;
  postalCodes: readonly string[];
  population: number;
  /** For a municipal arrondissement, the INSEE code of its city ("75056" for Paris 15e). */
  parent: string | null;
  /** Lower is better when a name or postal code is shared: current communes first. */
  rank: number;
}

export interface Departement {
  code: string;
  name: string;
  region: string;
}

export interface Geography {
  communeByCode: ReadonlyMap<string, Commune>;
  /** Communes sharing a postal code, best candidate first (arrondissement, then population). */
  communesByPostalCode: ReadonlyMap<string, readonly Commune[]>;
  /** Communes by `nameKey(name)`, best first (current communes, then population). */
  communesByName: ReadonlyMap<string, readonly Commune[]>;
  departementByCode: ReadonlyMap<string, Departement>;
  departementByName: ReadonlyMap<string, Departement>;
  /** Official région name by INSEE région code. */
  regionName: ReadonlyMap<string, string>;
  /** INSEE région code by `nameKey(name)`. */
  regionByName: ReadonlyMap<string, string>;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
  commune?: string;
}

const TYPE_RANK: Record<string, number> = {
  'arrondissement-municipal': 0,
  'commune-actuelle': 1,
  'commune-deleguee': 2,
  'commune-associee': 3,
};

/**
 * The matching key of a place name: folded (accents, case), hyphens and apostrophes as
 * spaces, "St"/"Ste" spelled out, so "ST-ETIENNE", "Saint Étienne" and "saint-etienne" meet.
 */
export function nameKey(name: string): string {
  return fold(name)
    .replace(/[-'_./,()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^st /, 'saint ')
    .replace(/^ste /, 'sainte ')
    .replace(/ st /g, ' saint ')
    .replace(/ ste /g, ' sainte ');
}

let cached: Geography | null = null;

/** The geography indexes, built on first use (reading the INSEE files is not free) and kept for the process. */
export function geography(): Geography {
  cached ??= build();
  return cached;
}

function readData<T>(file: string): T {
  const require = createRequire(import.meta.url);
  const path = require.resolve(`@etalab/decoupage-administratif/data/${file}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build(): Geography {
  const regions = readData<{ code: string; nom: string }[]>('regions.json');
  const departements = readData<{ code: string; nom: string; region: string }[]>('departements.json');
  const communes = readData<RawCommune[]>('communes.json');

  const regionName = new Map(regions.map((r) => [r.code, r.nom]));
  const regionByName = new Map(regions.map((r) => [nameKey(r.nom), r.code]));
  const departementByCode = new Map<string, Departement>();
  const departementByName = new Map<string, Departement>();
  for (const d of departements) {
    const dep = { code: d.code, name: d.nom, region: d.region };
    departementByCode.set(d.code, dep);
    departementByName.set(nameKey(d.nom), dep);
  }

  const communeByCode = new Map<string, Commune>();
  const byPostal = new Map<string, Commune[]>();
  const byName = new Map<string, Commune[]>();
  for (const c of communes) {
    if (!c.departement || !c.region) continue;
    const commune: Commune = {
      code: c.code,
      name: c.nom,
      departement: c.departement,
      region: c.region,
      postalCodes: c.codesPostaux ?? [],
      population: c.population ?? 0,
      parent: c.type === 'arrondissement-municipal' ? (c.commune ?? null) : null,
      rank: TYPE_RANK[c.type] ?? 9,
    };
    const existing = communeByCode.get(c.code);
    if (!existing || commune.rank < existing.rank) communeByCode.set(c.code, commune);
    for (const cp of commune.postalCodes) push(byPostal, cp, commune);
    push(byName, nameKey(c.nom), commune);
  }
  const byPostalRank = (a: Commune, b: Commune) =>
    a.rank - b.rank || b.population - a.population || (a.code < b.code ? -1 : 1);
  // For a name, a current commune beats an arrondissement of the same name (none exist) and
  // a former (délégué) commune; among equals the most populous wins.
  const nameRank = (a: Commune) => (a.rank === 0 ? 1 : a.rank);
  const byNameRank = (a: Commune, b: Commune) =>
    nameRank(a) - nameRank(b) || b.population - a.population || (a.code < b.code ? -1 : 1);
  for (const list of byPostal.values()) list.sort(byPostalRank);
  for (const list of byName.values()) list.sort(byNameRank);

  return {
    communeByCode,
    communesByPostalCode: byPostal,
    communesByName: byName,
    departementByCode,
    departementByName,
    regionName,
    regionByName,
  };
}
