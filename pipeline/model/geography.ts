/**
 * French administrative geography from the official INSEE Code officiel géographique, as
 * packaged by Etalab in `@etalab/decoupage-administratif` (communes with postal codes,
 * départements, régions). Each index is built on its first use and kept for the process:
 * resolving a location is a few lookups even over 100k+ postings, and a command that
 * resolves a handful of places does not pay for the indexes it never asks.
 *
 * communes.json (8.6 MB, one commune per line) is the costly part: reading and parsing it
 * whole and keying every name took ~0.2 s, most of a one-page `jobbench transform`. So it is
 * read as text and split into its lines; a commune's line is parsed only when a lookup
 * needs it. By code, the code is read from the line's start; by name, the lines are grouped
 * by the first two characters of the name's key and a group is parsed and keyed on the first
 * lookup that falls in it; by postal code, every line is parsed (as before). The answers are
 * those of the eager build (geography.test.ts compares both over every commune).
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

/** A read-only index that answers one key at a time (built lazily, so it cannot be listed). */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

export interface Geography {
  communeByCode: Lookup<Commune>;
  /** Communes sharing a postal code, best candidate first (arrondissement, then population). */
  communesByPostalCode: Lookup<readonly Commune[]>;
  /** Communes by `nameKey(name)`, best first (current communes, then population). */
  communesByName: Lookup<readonly Commune[]>;
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

/** The geography indexes, each built on its first use and kept for the process. */
export function geography(): Geography {
  cached ??= lazyGeography(readData);
  return cached;
}

/** The text of one data file of the package, e.g. `communes.json`. */
export type ReadData = (file: string) => Buffer;

function readData(file: string): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byPostalRank = (a: Commune, b: Commune) =>
  a.rank - b.rank || b.population - a.population || (a.code < b.code ? -1 : 1);
// For a name, a current commune beats an arrondissement of the same name (none exist) and
// a former (délégué) commune; among equals the most populous wins.
const nameRank = (a: Commune) => (a.rank === 0 ? 1 : a.rank);
const byNameRank = (a: Commune, b: Commune) =>
  nameRank(a) - nameRank(b) || b.population - a.population || (a.code < b.code ? -1 : 1);

function toCommune(c: RawCommune): Commune | null {
  if (!c.departement || !c.region) return null;
  return {
    code: c.code,
    name: c.nom,
    departement: c.departement,
    region: c.region,
    postalCodes: c.codesPostaux ?? [],
    population: c.population ?? 0,
    parent: c.type === 'arrondissement-municipal' ? (c.commune ?? null) : null,
    rank: TYPE_RANK[c.type] ?? 9,
  };
}

const LINE_START = '{"code":"';
const NOM_FIELD = '"nom":"';

/**
 * communes.json as one JSON object per commune, in file order, each decoded only when asked:
 * the file's own lines when it has one object per line (as the package ships it), else each
 * object of the parsed file written back on a line of its own (the same objects, in order).
 * The file is scanned as Latin-1 text, one character per byte: every byte of a multi-byte
 * UTF-8 character is then above 0x7F, so no ASCII delimiter is ever misread, and a line is
 * decoded as UTF-8 only when its commune is needed.
 */
class CommuneLines {
  readonly count: number;
  private readonly bytes: Buffer;
  private readonly text: string;
  /** Line i is text[starts[i], ends[i]), without its separating comma. */
  private readonly starts: number[];
  private readonly ends: number[];

  constructor(file: Buffer) {
    let text = file.toString('latin1');
    let table = CommuneLines.split(text);
    if (!table) {
      const objects = JSON.parse(file.toString('utf8')) as unknown[];
      file = Buffer.from(`[\n${objects.map((o) => JSON.stringify(o)).join(',\n')}\n]\n`);
      text = file.toString('latin1');
      table = CommuneLines.split(text);
      if (!table) throw new Error('communes.json: not an array of objects');
    }
    this.bytes = file;
    this.text = text;
    [this.starts, this.ends] = table;
    this.count = this.starts.length;
  }

  /**
   * The object lines of a file that is "[", one object per line (a comma after each but the
   * last), "]", and nothing else; null for any other layout.
   */
  private static split(text: string): [number[], number[]] | null {
    const starts: number[] = [];
    const ends: number[] = [];
    let at = text.indexOf('\n');
    if (at < 0 || text.slice(0, at).trim() !== '[') return null;
    let commas = 0;
    for (;;) {
      const start = at + 1;
      let next = text.indexOf('\n', start);
      if (next < 0) next = text.length;
      let end = next;
      if (text.charCodeAt(end - 1) === 0x0d) end -= 1;
      if (end - start === 1 && text.charCodeAt(start) === 0x5d /* ] */) {
        const rest = text.slice(next).trim();
        return rest === '' && commas === starts.length - 1 ? [starts, ends] : null;
      }
      if (text.charCodeAt(end - 1) === 0x2c /* , */) {
        end -= 1;
        commas += 1;
      }
      if (text.charCodeAt(start) !== 0x7b /* { */ || text.charCodeAt(end - 1) !== 0x7d /* } */ || next === text.length)
        return null;
      starts.push(start);
      ends.push(end);
      at = next;
    }
  }

  raw(i: number): RawCommune {
    return JSON.parse(this.bytes.toString('utf8', this.starts[i], this.ends[i])) as RawCommune;
  }

  /**
   * Line i's INSEE code as `codeNumber` gives it, read from the line's start when it is where
   * the package puts it, five digits or capitals before the closing quote; else from its parse.
   */
  codeNumber(i: number): { number: number; code?: string } {
    const start = this.starts[i]!;
    const at = start + LINE_START.length;
    if (this.text.startsWith(LINE_START, start) && this.text.charCodeAt(at + 5) === 0x22 /* " */) {
      const number = codeNumber(this.text, at);
      if (number >= 0) return { number };
    }
    const code = this.raw(i).code;
    return { number: code.length === 5 ? codeNumber(code, 0) : -1, code };
  }

  /**
   * `keyPrefix(nameKey(name))` for line i, read from the line when that is certain: two ASCII
   * letters or digits (not "st", which may become "saint"), one before the closing quote, or one
   * before a separator that nameKey makes a space and a third letter or digit; else from the
   * line's parse. A wrong answer would hide a commune from its name; geography.test.ts looks
   * every name of the package up.
   */
  nameKeyPrefix(i: number): number {
    const at = this.text.indexOf(NOM_FIELD, this.starts[i]);
    if (at >= 0 && at < this.ends[i]!) {
      const from = at + NOM_FIELD.length;
      const first = lowerAlnum(this.text.charCodeAt(from));
      if (first >= 0) {
        const c = this.text.charCodeAt(from + 1);
        const second = lowerAlnum(c);
        if (second >= 0 && !(first === 115 /* s */ && second === 116) /* t */) return prefixNumber(first, second);
        if (c === 0x22 /* " */) return prefixNumber(first, -1);
        if (SEPARATORS.includes(c) && lowerAlnum(this.text.charCodeAt(from + 2)) >= 0) return prefixNumber(first, 32);
      }
    }
    return keyPrefix(nameKey(this.raw(i).nom));
  }
}

/** The characters nameKey turns into a space, as char codes: - ' _ . / , ( ) and the space. */
const SEPARATORS = [...`-'_./,() `].map((c) => c.charCodeAt(0));

/**
 * A key's first two UTF-16 units as one number (-1 for a unit the key does not have): unique
 * per prefix, and cheaper to make and hash than a two-character string per commune.
 */
function prefixNumber(first: number, second: number): number {
  return (first + 1) * 65537 + (second + 1);
}

function keyPrefix(key: string): number {
  return prefixNumber(key.length > 0 ? key.charCodeAt(0) : -1, key.length > 1 ? key.charCodeAt(1) : -1);
}

/** An ASCII letter or digit lowercased, as nameKey keeps it; -1 for any other character. */
function lowerAlnum(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
  if (c >= 65 && c <= 90) return c + 32;
  return -1;
}

/**
 * The INSEE code at text[at, at + 5) as a number when it is five digits or capitals
 * (base 36), else -1: every
 * code of the file is one, and numbers sort and compare faster than 37k strings hash.
 */
function codeNumber(text: string, at: number): number {
  let n = 0;
  for (let k = at; k < at + 5; k++) {
    const c = text.charCodeAt(k);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
    if (digit < 0) return -1;
    n = n * 36 + digit;
  }
  return n;
}

/**
 * The lines of each code, in file order: codes as numbers, each times a power of two above
 * the line count plus its line, sorted, so a binary search finds a code's lines in order.
 * Codes that are not five digits or capitals (none in the package) go to a Map instead.
 */
class LinesByCode {
  private readonly keys: Float64Array;
  private readonly scale: number;
  private readonly odd = new Map<string, number[]>();

  constructor(lines: CommuneLines) {
    this.scale = 2 ** Math.ceil(Math.log2(lines.count + 1));
    const keys: number[] = [];
    for (let i = 0; i < lines.count; i++) {
      const { number, code } = lines.codeNumber(i);
      if (number >= 0) keys.push(number * this.scale + i);
      else push(this.odd, code!, i);
    }
    this.keys = Float64Array.from(keys).sort();
  }

  lines(code: string): readonly number[] {
    const n = code.length === 5 ? codeNumber(code, 0) : -1;
    if (n < 0) return this.odd.get(code) ?? [];
    const low = n * this.scale;
    const high = low + this.scale;
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < low) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let k = lo; k < this.keys.length && this.keys[k]! < high; k++) found.push(this.keys[k]! - low);
    return found;
  }
}

/** The indexes over the package's data files, each read and built when first asked. */
export function lazyGeography(read: ReadData): Geography {
  let small: Pick<Geography, 'departementByCode' | 'departementByName' | 'regionName' | 'regionByName'> | null = null;
  const smallIndexes = () => {
    if (small) return small;
    const regions = JSON.parse(read('regions.json').toString('utf8')) as { code: string; nom: string }[];
    const departements = JSON.parse(read('departements.json').toString('utf8')) as {
      code: string;
      nom: string;
      region: string;
    }[];
    const departementByCode = new Map<string, Departement>();
    const departementByName = new Map<string, Departement>();
    for (const d of departements) {
      const dep = { code: d.code, name: d.nom, region: d.region };
      departementByCode.set(d.code, dep);
      departementByName.set(nameKey(d.nom), dep);
    }
    small = {
      departementByCode,
      departementByName,
      regionName: new Map(regions.map((r) => [r.code, r.nom])),
      regionByName: new Map(regions.map((r) => [nameKey(r.nom), r.code])),
    };
    return small;
  };

  let table: CommuneLines | null = null;
  // One Commune object per line, shared by every index, as the eager build shared them
  // (filled before use: an array written at scattered indexes would turn into a dictionary).
  let parsed: (Commune | null | undefined)[] = [];
  const lines = () => {
    if (!table) {
      table = new CommuneLines(read('communes.json'));
      parsed = new Array<Commune | null | undefined>(table.count).fill(undefined);
    }
    return table;
  };
  const commune = (i: number): Commune | null => {
    let c = parsed[i];
    if (c === undefined) {
      c = toCommune(lines().raw(i));
      parsed[i] = c;
    }
    return c;
  };

  let linesByCode: LinesByCode | null = null;
  const byCode = new Map<string, Commune | null>();
  const communeByCode: Lookup<Commune> = {
    get(code) {
      let hit = byCode.get(code);
      if (hit === undefined) {
        linesByCode ??= new LinesByCode(lines());
        // The first commune of the best rank, in file order, as the eager build kept it.
        hit = null;
        for (const i of linesByCode.lines(code)) {
          const c = commune(i);
          if (c && (!hit || c.rank < hit.rank)) hit = c;
        }
        byCode.set(code, hit);
      }
      return hit ?? undefined;
    },
  };

  let byPostal: Map<string, Commune[]> | null = null;
  const communesByPostalCode: Lookup<readonly Commune[]> = {
    get(postal) {
      if (!byPostal) {
        byPostal = new Map();
        const all = lines();
        for (let i = 0; i < all.count; i++) {
          const c = commune(i);
          if (c) for (const cp of c.postalCodes) push(byPostal, cp, c);
        }
        for (const list of byPostal.values()) list.sort(byPostalRank);
      }
      return byPostal.get(postal);
    },
  };

  let linesByPrefix: Map<number, number[]> | null = null;
  const byNameOfPrefix = new Map<number, Map<string, Commune[]>>();
  const communesByName: Lookup<readonly Commune[]> = {
    get(key) {
      const prefix = keyPrefix(key);
      let byName = byNameOfPrefix.get(prefix);
      if (!byName) {
        if (!linesByPrefix) {
          linesByPrefix = new Map();
          const all = lines();
          for (let i = 0; i < all.count; i++) push(linesByPrefix, all.nameKeyPrefix(i), i);
        }
        byName = new Map();
        for (const i of linesByPrefix.get(prefix) ?? []) {
          const c = commune(i);
          if (c) push(byName, nameKey(c.name), c);
        }
        for (const list of byName.values()) list.sort(byNameRank);
        byNameOfPrefix.set(prefix, byName);
      }
      return byName.get(key);
    },
  };

  return {
    communeByCode,
    communesByPostalCode,
    communesByName,
    get departementByCode() {
      return smallIndexes().departementByCode;
    },
    get departementByName() {
      return smallIndexes().departementByName;
    },
    get regionName() {
      return smallIndexes().regionName;
    },
    get regionByName() {
      return smallIndexes().regionByName;
    },
  };
}
