import assert from 'node:assert/strict';
import { resolveLocation, type LocationInput } from './location.ts';

type Expected = [
  city: string | null,
  postalCode: string | null,
  departement: string | null,
  region: string | null,
  country: string | null,
];

describe('resolveLocation', () => {
  const cases: [name: string, input: LocationInput, expected: Expected][] = [
    [
      'France Travail arrondissement libellé',
      { raw: '75 - Paris 15e Arrondissement' },
      ['Paris', '75015', '75', 'Île-de-France', 'FR'],
    ],
    [
      'France Travail INSEE commune code wins',
      { raw: '75 - Paris', inseeCode: '75108', postalCode: '75008' },
      ['Paris', '75008', '75', 'Île-de-France', 'FR'],
    ],
    [
      'département-level libellé for Paris',
      { raw: '75 - Paris (Dept.)' },
      ['Paris', null, '75', 'Île-de-France', 'FR'],
    ],
    ['département-level libellé', { raw: '33 - Gironde (Dept.)' }, [null, null, '33', 'Nouvelle-Aquitaine', 'FR']],
    [
      'région-level libellé is not a département code',
      { raw: '11 - Ile-de-France' },
      [null, null, null, 'Île-de-France', 'FR'],
    ],
    ['"PARIS 10" without suffix', { raw: '75 - PARIS 10' }, ['Paris', '75010', '75', 'Île-de-France', 'FR']],
    ['upper-case libellé', { raw: '31 - TOULOUSE' }, ['Toulouse', null, '31', 'Occitanie', 'FR']],
    ['Corse-du-Sud 2A', { raw: '2A - AJACCIO' }, ['Ajaccio', null, '2A', 'Corse', 'FR']],
    [
      'Haute-Corse 2B by postal code',
      { postalCode: '20200', city: 'Bastia' },
      ['Bastia', '20200', '2B', 'Corse', 'FR'],
    ],
    ['Guadeloupe 971', { raw: '971 - Pointe-à-Pitre' }, ['Pointe-à-Pitre', '97110', '971', 'Guadeloupe', 'FR']],
    ['Martinique 972 by postal code', { postalCode: '97200' }, ['Fort-de-France', '97200', '972', 'Martinique', 'FR']],
    ['Guyane 973', { city: 'Cayenne' }, ['Cayenne', '97300', '973', 'Guyane', 'FR']],
    [
      'La Réunion 974 by postal code',
      { postalCode: '97400', city: 'Saint-Denis' },
      ['Saint-Denis', '97400', '974', 'La Réunion', 'FR'],
    ],
    ['Mayotte 976', { raw: '976 - Mamoudzou' }, ['Mamoudzou', null, '976', 'Mayotte', 'FR']],
    [
      'Saint-Denis with a département hint',
      { city: 'Saint-Denis', departement: '93' },
      ['Saint-Denis', null, '93', 'Île-de-France', 'FR'],
    ],
    ['Lyon 3e short form', { city: 'Lyon 3e' }, ['Lyon', '69003', '69', 'Auvergne-Rhône-Alpes', 'FR']],
    ['Marseille 1er', { city: 'Marseille 1er' }, ['Marseille', '13001', '13', "Provence-Alpes-Côte d'Azur", 'FR']],
    ['Paris 8ème', { raw: 'Paris 8ème' }, ['Paris', '75008', '75', 'Île-de-France', 'FR']],
    ['plain Paris', { city: 'Paris' }, ['Paris', null, '75', 'Île-de-France', 'FR']],
    [
      'accent- and case-insensitive city',
      { city: 'SAINT-ETIENNE' },
      ['Saint-Étienne', null, '42', 'Auvergne-Rhône-Alpes', 'FR'],
    ],
    ['"St" abbreviation', { city: 'St Malo' }, ['Saint-Malo', '35400', '35', 'Bretagne', 'FR']],
    [
      'postal code and city in the raw text',
      { raw: '69003 Lyon' },
      ['Lyon', '69003', '69', 'Auvergne-Rhône-Alpes', 'FR'],
    ],
    ['city (département)', { raw: 'Rennes (35)' }, ['Rennes', null, '35', 'Bretagne', 'FR']],
    ['Adzuna display name', { raw: 'Nantes, Loire-Atlantique' }, ['Nantes', null, '44', 'Pays de la Loire', 'FR']],
    [
      'Adzuna area, arrondissement',
      { area: ['France', 'Ile-de-France', 'Paris', 'Paris 15e Arrondissement'] },
      ['Paris', '75015', '75', 'Île-de-France', 'FR'],
    ],
    [
      'Adzuna area with the administrative arrondissement',
      {
        raw: 'Châtenay-Malabry, Antony',
        area: ['France', 'Ile-de-France', 'Hauts-de-Seine', 'Antony', 'Châtenay-Malabry'],
      },
      ['Châtenay-Malabry', '92290', '92', 'Île-de-France', 'FR'],
    ],
    [
      'Adzuna area: the département picks the right Saint-Denis',
      { area: ['France', 'Ile-de-France', 'Seine-Saint-Denis', 'Saint-Denis'] },
      ['Saint-Denis', null, '93', 'Île-de-France', 'FR'],
    ],
    [
      'Adzuna area down to the département',
      { area: ['France', 'Auvergne-Rhône-Alpes', 'Rhône'] },
      [null, null, '69', 'Auvergne-Rhône-Alpes', 'FR'],
    ],
    ['Adzuna area, région only', { area: ['France', 'Ile-de-France'] }, [null, null, null, 'Île-de-France', 'FR']],
    ['région name without accent', { raw: 'Ile-de-France' }, [null, null, null, 'Île-de-France', 'FR']],
    ['legacy région name', { region: 'Rhône-Alpes' }, [null, null, null, 'Auvergne-Rhône-Alpes', 'FR']],
    ['département name', { raw: 'Gironde' }, [null, null, '33', 'Nouvelle-Aquitaine', 'FR']],
    ['département code only', { raw: '2B' }, [null, null, '2B', 'Corse', 'FR']],
    ['business district', { city: 'La Défense' }, ['Courbevoie', '92400', '92', 'Île-de-France', 'FR']],
    ['Sophia-Antipolis', { city: 'Sophia-Antipolis' }, ['Valbonne', '06560', '06', "Provence-Alpes-Côte d'Azur", 'FR']],
    ['CEDEX suffix', { city: 'Lille Cedex 9', postalCode: '59000' }, ['Lille', '59000', '59', 'Hauts-de-France', 'FR']],
    ['unknown city', { raw: 'Atlantis' }, [null, null, null, null, null]],
    ['unknown city in France', { raw: 'Atlantis', country: 'France' }, [null, null, null, null, 'FR']],
    ['abroad stays abroad', { city: 'Bruxelles', country: 'BE' }, ['Bruxelles', null, null, null, 'BE']],
    ['nothing at all', {}, [null, null, null, null, null]],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const l = resolveLocation(input);
      assert.deepEqual([l.city, l.postalCode, l.departement, l.region, l.country], expected);
    });
  }

  it('keeps the raw text and valid coordinates, drops impossible ones', () => {
    const l = resolveLocation({ raw: '75 - Paris 15e Arrondissement', lat: '48.84', lon: 2.29 });
    assert.equal(l.raw, '75 - Paris 15e Arrondissement');
    assert.deepEqual([l.lat, l.lon], [48.84, 2.29]);
    const bad = resolveLocation({ raw: 'Paris', lat: 999, lon: 'east' });
    assert.deepEqual([bad.lat, bad.lon], [null, null]);
  });

  it('answers repeated places from its cache with fresh objects', () => {
    const a = resolveLocation({ raw: 'Bordeaux', lat: 44.8 });
    const b = resolveLocation({ raw: 'Bordeaux', lat: 44.9 });
    assert.notEqual(a, b);
    assert.deepEqual([a.lat, b.lat, b.city], [44.8, 44.9, 'Bordeaux']);
  });
});
