/**
 * Location resolution against official INSEE geography. Order (most to least precise):
 * INSEE commune code → postal code (city name breaks ties) → city name (département hint
 * breaks ties, else most populous) → patterns in the raw text ("75 - Paris 15e
 * Arrondissement", "Rennes (35)", "69003 Lyon", "Paris, Ile-de-France"), read after Adzuna's
 * structured `area` (most to least specific) → département name/code → région name.
 */
import type { PostingLocation } from '../../../../providers/core/index.ts';
import { geography, nameKey, type Commune } from '../../../model/geography.ts';

/** What a source knows about a place; every field optional. */
export interface LocationInput {
  /** The text kept as `location.raw`. */
  raw?: string | null;
  /** INSEE commune code (France Travail `lieuTravail.commune`). */
  inseeCode?: string | null;
  postalCode?: string | null;
  city?: string | null;
  /** Département code or name. */
  departement?: string | null;
  region?: string | null;
  /** Adzuna `location.area`, broad to specific: ["France", "Ile-de-France", "Paris", …]. */
  area?: readonly unknown[] | null;
  /** ISO code or name ("FR", "France"). */
  country?: string | null;
  lat?: unknown;
  lon?: unknown;
}

/** Business districts that are not communes; mapped to the commune that hosts most of them. */
const DISTRICTS: Record<string, string> = {
  'la defense': '92026', // Courbevoie (the district spans Courbevoie, Puteaux, Nanterre)
  'paris la defense': '92026',
  'sophia antipolis': '06152', // Valbonne
};

/** Pre-2016 région names still used by job boards → current INSEE région code. */
const LEGACY_REGIONS: Record<string, string> = {
  paca: '93',
  'rhone alpes': '84',
  auvergne: '84',
  'midi pyrenees': '76',
  'languedoc roussillon': '76',
  aquitaine: '75',
  limousin: '75',
  'poitou charentes': '75',
  alsace: '44',
  lorraine: '44',
  'champagne ardenne': '44',
  'nord pas de calais': '32',
  picardie: '32',
  'haute normandie': '28',
  'basse normandie': '28',
  bourgogne: '27',
  'franche comte': '27',
  centre: '24',
  reunion: '04',
  idf: '11',
};

const FRANCE_NAMES = new Set(['fr', 'fra', 'france', 'france metropolitaine']);
const ARRONDISSEMENT = /^(paris|lyon|marseille) 0?(\d{1,2}) ?(?:er|e|eme|ieme|em|d)?(?: arrondissement| arr)?$/;
const DEP_CODE = /^(\d{2,3}|2[ab])$/i;

interface Resolved {
  commune: Commune | null;
  departement: string | null;
  region: string | null;
}

const EMPTY: Resolved = { commune: null, departement: null, region: null };
const cache = new Map<string, { location: Omit<PostingLocation, 'lat' | 'lon'> }>();
const CACHE_LIMIT = 50_000;

function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function coordinate(value: unknown, limit: number): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** ISO alpha-2 when recognisable; "FR" for France in any spelling. */
export function normalizeCountry(value: string | null): string | null {
  if (value === null) return null;
  const key = nameKey(value);
  if (FRANCE_NAMES.has(key)) return 'FR';
  return /^[a-z]{2}$/.test(key) ? key.toUpperCase() : null;
}

/** Resolves a place to INSEE commune, département and région. Never throws. */
export function resolveLocation(input: LocationInput): PostingLocation {
  const lat = coordinate(input.lat, 90);
  const lon = coordinate(input.lon, 180);
  const area = Array.isArray(input.area) ? input.area.map(str).filter((a): a is string => a !== null) : [];
  const key = cacheKey(
    [input.raw, input.inseeCode, input.postalCode, input.city, input.departement, input.region, input.country],
    area,
  );
  let hit = cache.get(key);
  if (!hit) {
    hit = { location: resolveUncached(input, area) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, hit);
  }
  return { ...hit.location, lat, lon };
}

/**
 * The cache key of a place: its text fields (as `str` reads them) and area, each written
 * as its length and its characters (a null as "-"), so two different inputs never share a
 * key. Cheaper than `JSON.stringify` of the same arrays, and this runs on every posting.
 */
function cacheKey(fields: readonly unknown[], area: readonly string[]): string {
  let key = '';
  for (const field of fields) {
    const text = str(field);
    key += text === null ? '-' : `${text.length}:${text}`;
  }
  key += '|';
  for (const part of area) key += `${part.length}:${part}`;
  return key;
}

function resolveUncached(input: LocationInput, area: string[]): Omit<PostingLocation, 'lat' | 'lon'> {
  const raw = str(input.raw) ?? (area.length ? area.join(', ') : null) ?? str(input.city);
  const country = normalizeCountry(str(input.country) ?? area[0] ?? null);
  const postal = str(input.postalCode);
  if (country !== null && country !== 'FR') {
    return { raw, city: str(input.city), postalCode: postal, departement: null, region: null, country };
  }
  const r = resolveFrench(input, area);
  const geo = geography();
  if (!r.commune && !r.departement && !r.region) {
    return { raw, city: null, postalCode: null, departement: null, region: null, country };
  }
  const commune = r.commune;
  const cityCommune = commune?.parent ? (geo.communeByCode.get(commune.parent) ?? commune) : commune;
  let postalCode: string | null = null;
  if (commune) {
    const candidates = commune.postalCodes;
    if (postal && candidates.includes(postal)) postalCode = postal;
    else if (candidates.length === 1) postalCode = candidates[0] ?? null;
  }
  const departement = commune?.departement ?? r.departement;
  const regionCode =
    commune?.region ?? r.region ?? (departement ? (geo.departementByCode.get(departement)?.region ?? null) : null);
  return {
    raw,
    city: cityCommune?.name ?? null,
    postalCode,
    departement,
    region: regionCode ? (geo.regionName.get(regionCode) ?? null) : null,
    country: 'FR',
  };
}

function fromCommune(commune: Commune | null | undefined): Resolved | null {
  return commune ? { commune, departement: commune.departement, region: commune.region } : null;
}

function resolveFrench(input: LocationInput, area: string[]): Resolved {
  const geo = geography();
  const depHint = departementCode(str(input.departement));
  const city = str(input.city);

  const insee = str(input.inseeCode)?.toUpperCase();
  if (insee) {
    const hit = fromCommune(geo.communeByCode.get(insee));
    if (hit) return hit;
  }
  const postal = str(input.postalCode);
  if (postal) {
    const hit = fromCommune(byPostalCode(postal, city));
    if (hit) return hit;
  }
  if (city) {
    const hit = fromCommune(byCityName(city, depHint));
    if (hit) return hit;
  }
  // Adzuna's area is structured ("France", région, département, [arrondissement,] commune):
  // read it before free text, with its département breaking ties between homonyms.
  if (area.length > 1) {
    const areaDep =
      depHint ?? area.map((a) => geo.departementByName.get(nameKey(a))?.code).find((c) => c !== undefined) ?? null;
    for (let i = area.length - 1; i >= 1; i--) {
      const hit = fromName(area[i]!, areaDep, i > 1);
      if (hit) return hit;
    }
  }
  const raw = str(input.raw);
  if (raw) {
    const hit = fromRawText(raw, depHint);
    if (hit) return hit;
  }
  if (depHint)
    return { commune: null, departement: depHint, region: geo.departementByCode.get(depHint)?.region ?? null };
  const region = regionCode(str(input.region));
  if (region) return { commune: null, departement: null, region };
  return EMPTY;
}

/** A département code ("75", "2A", "971") or name ("Rhône") → INSEE code. */
export function departementCode(value: string | null): string | null {
  if (value === null) return null;
  const geo = geography();
  const v = value.trim().toUpperCase();
  const code = /^\d$/.test(v) ? `0${v}` : v;
  if (geo.departementByCode.has(code)) return code;
  return geo.departementByName.get(nameKey(value))?.code ?? null;
}

function regionCode(value: string | null): string | null {
  if (value === null) return null;
  const key = nameKey(value);
  return geography().regionByName.get(key) ?? (Object.hasOwn(LEGACY_REGIONS, key) ? LEGACY_REGIONS[key]! : null);
}

function byPostalCode(postal: string, city: string | null): Commune | null {
  const list = geography().communesByPostalCode.get(postal.replace(/\s/g, ''));
  if (!list || list.length === 0) return null;
  if (city) {
    const key = cityKey(city);
    const match = list.find(
      (c) =>
        nameKey(c.name) === key || (c.parent && nameKey(geography().communeByCode.get(c.parent)?.name ?? '') === key),
    );
    if (match) return match;
  }
  return list[0] ?? null;
}

/** Cleans a city string for lookup: "CEDEX 9", "(H/F)" and stray digits removed. */
function cityKey(city: string): string {
  return nameKey(city.replace(/\bcedex\b.*$/i, '').replace(/\([^)]*\)/g, ' '));
}

function byCityName(city: string, depHint: string | null): Commune | null {
  const geo = geography();
  let key = cityKey(city);
  const arr = ARRONDISSEMENT.exec(key);
  if (arr) key = `${arr[1]} ${Number(arr[2])}${arr[2] === '1' || arr[2] === '01' ? 'er' : 'e'} arrondissement`;
  const district = Object.hasOwn(DISTRICTS, key) ? DISTRICTS[key] : undefined;
  if (district) return geo.communeByCode.get(district) ?? null;
  const list = geo.communesByName.get(key) ?? (arr ? geo.communesByName.get(arr[1]!) : undefined);
  if (!list || list.length === 0) return null;
  if (depHint) return list.find((c) => c.departement === depHint) ?? null;
  return list[0] ?? null;
}

/** A name that may be a city, a département or a région; `cityFirst` for specific levels. */
function fromName(name: string, depHint: string | null, cityFirst: boolean): Resolved | null {
  const geo = geography();
  const asRegion = (): Resolved | null => {
    const region = regionCode(name);
    return region ? { commune: null, departement: null, region } : null;
  };
  const asDepartement = (): Resolved | null => {
    const dep = geo.departementByName.get(nameKey(name));
    return dep ? { commune: null, departement: dep.code, region: dep.region } : null;
  };
  const asCity = () => fromCommune(byCityName(name, depHint));
  return cityFirst ? (asCity() ?? asDepartement() ?? asRegion()) : (asRegion() ?? asDepartement() ?? asCity());
}

function fromRawText(raw: string, depHint: string | null): Resolved | null {
  const geo = geography();
  // France Travail: "75 - Paris 15e Arrondissement", "2A - AJACCIO", "971 - Pointe-à-Pitre".
  const ft = /^\s*(\d{2,3}|2[AaBb])\s*-\s*(.+)$/.exec(raw);
  if (ft) {
    const dep = departementCode(ft[1]!);
    const hit = fromCommune(byCityName(ft[2]!, dep));
    if (hit) return hit;
    // "11 - Ile-de-France" would be a région-level offer, not the Aude (11).
    const region = regionCode(ft[2]!);
    if (region) return { commune: null, departement: null, region };
    if (dep) return { commune: null, departement: dep, region: geo.departementByCode.get(dep)?.region ?? null };
  }
  // "69003 Lyon", "Lyon 69003", "13090 Aix-en-Provence".
  const cp = /\b(\d{5})\b/.exec(raw);
  if (cp) {
    const rest = raw.replace(cp[0], ' ').replace(/[,;]/g, ' ').trim();
    const hit = fromCommune(byPostalCode(cp[1]!, rest || null));
    if (hit) return hit;
  }
  // "Rennes (35)", "Ajaccio (2A)".
  const paren = /^(.+?)\s*\(\s*(\d{2,3}|2[AaBb])\s*\)\s*$/.exec(raw);
  if (paren) {
    const dep = departementCode(paren[2]!);
    const hit = fromCommune(byCityName(paren[1]!, dep));
    if (hit) return hit;
    if (dep) return { commune: null, departement: dep, region: geo.departementByCode.get(dep)?.region ?? null };
  }
  // "Paris, Ile-de-France", "Lyon 3e, Rhône": the first part is the most specific.
  const pieces = raw.split(/\s*[,;|/]\s*/).filter(Boolean);
  for (let i = 0; i < pieces.length; i++) {
    const hit = fromName(pieces[i]!, depHint, i === 0);
    if (hit) return hit;
  }
  if (DEP_CODE.test(raw.trim())) {
    const dep = departementCode(raw.trim());
    if (dep) return { commune: null, departement: dep, region: geo.departementByCode.get(dep)?.region ?? null };
  }
  return null;
}
