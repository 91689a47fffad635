import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Commune, type Departement, type Geography, lazyGeography, nameKey } from './geography.ts';

const require = createRequire(import.meta.url);
const readBytes = (file: string) => readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`));
const readData = (file: string) => readBytes(file).toString('utf8');

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

/** The indexes as they were built before they became lazy: every file parsed, every map filled, at once. */
function eagerGeography(read: (file: string) => string = readData) {
  const regions = JSON.parse(read('regions.json')) as { code: string; nom: string }[];
  const departements = JSON.parse(read('departements.json')) as { code: string; nom: string; region: string }[];
  const communes = JSON.parse(read('communes.json')) as RawCommune[];
  const TYPE_RANK: Record<string, number> = {
    'arrondissement-municipal': 0,
    'commune-actuelle': 1,
    'commune-deleguee': 2,
    'commune-associee': 3,
  };
  const push = <V>(map: Map<string, V[]>, key: string, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
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
  const nameRank = (a: Commune) => (a.rank === 0 ? 1 : a.rank);
  const byNameRank = (a: Commune, b: Commune) =>
    nameRank(a) - nameRank(b) || b.population - a.population || (a.code < b.code ? -1 : 1);
  for (const list of byPostal.values()) list.sort(byPostalRank);
  for (const list of byName.values()) list.sort(byNameRank);
  return {
    communes,
    communeByCode,
    byPostal,
    byName,
    departementByCode,
    departementByName,
    regionName,
    regionByName,
  };
}

/** Keys no index holds, next to ones it does: a lazy index must answer "none" for them too. */
function absentKeys(keys: Iterable<string>): string[] {
  const out = ['', ' ', 'x', 'zzzz', '00000', 'saint', 'paris 21e arrondissement'];
  for (const key of keys) out.push(`${key}x`, key.slice(0, -1), key.toUpperCase());
  return out;
}

function assertSameAnswers(lazy: Geography, eager: ReturnType<typeof eagerGeography>): void {
  const codes = new Set(eager.communes.map((c) => c.code));
  for (const code of [...codes, ...absentKeys(codes)])
    assert.deepEqual(lazy.communeByCode.get(code), eager.communeByCode.get(code), `communeByCode ${code}`);
  for (const postal of [...eager.byPostal.keys(), ...absentKeys(eager.byPostal.keys())])
    assert.deepEqual(lazy.communesByPostalCode.get(postal), eager.byPostal.get(postal), `by postal code ${postal}`);
  const nameKeys = new Set([...eager.byName.keys(), ...eager.communes.map((c) => nameKey(c.nom))]);
  for (const key of [...nameKeys, ...absentKeys(nameKeys)])
    assert.deepEqual(lazy.communesByName.get(key), eager.byName.get(key), `by name ${key}`);
  assert.deepEqual([...lazy.departementByCode], [...eager.departementByCode]);
  assert.deepEqual([...lazy.departementByName], [...eager.departementByName]);
  assert.deepEqual([...lazy.regionName], [...eager.regionName]);
  assert.deepEqual([...lazy.regionByName], [...eager.regionByName]);
}

describe('geography', () => {
  const eager = eagerGeography();

  it('answers every commune code, postal code and name as the eager build did, in the same order', () => {
    assertSameAnswers(lazyGeography(readBytes), eager);
  });

  it('answers the same when asked in another order (names first, then postal codes, then codes)', () => {
    const lazy = lazyGeography(readBytes);
    const names = [...eager.byName.keys()].reverse();
    for (const key of names) assert.deepEqual(lazy.communesByName.get(key), eager.byName.get(key));
    assertSameAnswers(lazy, eager);
  });

  it('reads a communes file that is not one object per line, or whose objects do not start with their code', () => {
    const communesAs = (text: (communes: RawCommune[]) => string) => (file: string) =>
      file === 'communes.json' ? Buffer.from(text(JSON.parse(readData(file)) as RawCommune[])) : readBytes(file);
    const layouts = [
      (communes: RawCommune[]) => JSON.stringify(communes, null, 2),
      (communes: RawCommune[]) => JSON.stringify(communes),
      (communes: RawCommune[]) => `[\r\n${communes.map((c) => JSON.stringify(c)).join(',\r\n')}\r\n]\r\n`,
      // The name first, the code last: neither is where the line reader looks for it.
      (communes: RawCommune[]) =>
        `[\n${communes.map(({ code, nom, ...rest }) => JSON.stringify({ nom, ...rest, code })).join(',\n')}\n]`,
    ];
    for (const layout of layouts) assertSameAnswers(lazyGeography(communesAs(layout)), eager);
  });

  it('answers as the eager build on odd lines: escaped or unusual codes, accented, "St" and escaped names, shared codes', () => {
    const communes = [
      { code: '2A004', nom: 'Ajaccio', type: 'commune-actuelle', departement: '2A', region: '94', population: 70000 },
      { code: '2A004', nom: 'Ajaccio', type: 'commune-deleguee', departement: '2A', region: '94', population: 1 },
      {
        code: '01001',
        nom: 'Élan',
        type: 'commune-deleguee',
        departement: '01',
        region: '84',
        codesPostaux: ['01000'],
      },
      {
        code: '01001',
        nom: 'Elan',
        type: 'commune-actuelle',
        departement: '01',
        region: '84',
        codesPostaux: ['01000'],
      },
      { code: '2b001', nom: 'St-Élan', type: 'commune-actuelle', departement: '2B', region: '94' },
      { code: '123456', nom: '  (Œuf)', type: 'commune-actuelle', departement: '01', region: '84' },
      { code: '01004', nom: 'Y-', type: 'commune-actuelle', departement: '01', region: '84' },
      { code: '01005', nom: "L'Abergement", type: 'commune-actuelle', departement: '01', region: '84' },
      { code: '01002', nom: 'Sans région', type: 'commune-actuelle', departement: '01' },
      {
        code: '75115',
        nom: 'Paris 15e Arrondissement',
        type: 'arrondissement-municipal',
        commune: '75056',
        departement: '75',
        region: '11',
      },
      { code: '75056', nom: 'Paris', type: 'commune-actuelle', departement: '75', region: '11', population: 2e6 },
    ];
    const lines = communes.map((c) => JSON.stringify(c));
    // A code and a name written with escapes: the line reader must not take them as they are written.
    lines.push(
      '{"code":"\\u0030\\u0031003","nom":"\\u00c9cole","type":"commune-actuelle","departement":"01","region":"84"}',
    );
    const file = `[\n${lines.join(',\n')}\n]\n`;
    const read = (name: string) => (name === 'communes.json' ? file : readData(name));
    const eager = eagerGeography(read);
    assert.equal(eager.communes.length, 12);
    assertSameAnswers(
      lazyGeography((name) => Buffer.from(read(name))),
      eager,
    );
    assert.equal(lazyGeography((name) => Buffer.from(read(name))).communesByName.get('ecole')?.[0]?.code, '01003');
  });

  it('shares one object per commune between its indexes, and reads communes.json only for a commune lookup', () => {
    const read: string[] = [];
    const lazy = lazyGeography((file) => {
      read.push(file);
      return readBytes(file);
    });
    assert.equal(lazy.departementByCode.get('2A')?.name, 'Corse-du-Sud');
    assert.equal(lazy.regionByName.get(nameKey('Île-de-France')), '11');
    assert.deepEqual(read, ['regions.json', 'departements.json']);
    const lyon = lazy.communeByCode.get('69123');
    assert.equal(lyon?.name, 'Lyon');
    assert.equal(lazy.communesByName.get('lyon')?.[0], lyon);
    assert.ok(lazy.communesByPostalCode.get('69001')?.some((c) => c.parent === '69123'));
    assert.deepEqual(read, ['regions.json', 'departements.json', 'communes.json']);
  });
});
