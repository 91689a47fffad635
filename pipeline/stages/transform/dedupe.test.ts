import assert from 'node:assert/strict';
import type { Posting } from '../../../providers/core/index.ts';
import { dedupePostings, normalizeCompany, normalizeTitle, originOf } from './dedupe.ts';
import { postingId } from './clean/posting-id.ts';

function posting(source: string, sourceId: string, over: Partial<Posting> = {}): Posting {
  return {
    id: postingId(source, sourceId),
    source,
    sourceId,
    url: `https://${source}.example/${sourceId}`,
    title: 'Data Engineer H/F',
    company: 'Banque Horizon',
    description: 'Pipelines Spark.',
    location: {
      raw: 'Paris',
      city: 'Paris',
      postalCode: null,
      departement: '75',
      region: 'Île-de-France',
      country: 'FR',
      lat: null,
      lon: null,
    },
    contractType: 'permanent',
    workingTime: 'full-time',
    remote: null,
    seniority: null,
    salary: { minEurYear: null, maxEurYear: null, predicted: false, raw: null },
    skills: ['spark'],
    postedAt: '2026-11-20T09:00:00.000Z',
    collectedAt: '2026-11-28T10:00:00.000Z',
    rawKey: 'raw/x',
    ...over,
  };
}

const withSalary = { salary: { minEurYear: 50000, maxEurYear: 60000, predicted: false, raw: '50-60k' } };

describe('dedupePostings', () => {
  it('normalizes titles and companies', () => {
    const titles: [string, string][] = [
      ['Data Engineer H/F', 'data engineer'],
      ['Data Engineer (F/H)', 'data engineer'],
      ['DATA ENGINEER - h/f/x', 'data engineer'],
      ['Ingénieur Data (H/F)', 'ingenieur data'],
      ['Data Scientist M/F', 'data scientist'],
    ];
    for (const [input, expected] of titles) assert.equal(normalizeTitle(input), expected, input);
    const companies: [string, string][] = [
      ['Banque Horizon SAS', 'banque horizon'],
      ['BANQUE HORIZON', 'banque horizon'],
      ['Groupe Énergie Verte France', 'energie verte'],
      ['AT&T Inc.', 'at&t'],
    ];
    for (const [input, expected] of companies) assert.equal(normalizeCompany(input), expected, input);
  });

  it('derives the origin from the source and the id namespace', () => {
    assert.equal(originOf(posting('adzuna', '123')), 'adzuna');
    assert.equal(originOf(posting('jsonld', 'careers.acme.example:42')), 'jsonld/careers.acme.example');
    assert.equal(originOf(posting('jsonld', 'https://Site.example/job/1')), 'jsonld/site.example');
    assert.equal(originOf(posting('sample', 'francetravail:S1')), 'sample/francetravail');
  });

  const cases: [name: string, input: Posting[], keptSourceIds: string[], merged: number][] = [
    [
      'same job on two sources, the one with a salary wins',
      [posting('adzuna', 'a1'), posting('francetravail', 'f1', withSalary)],
      ['f1'],
      1,
    ],
    [
      'equal salary knowledge: the longer description wins',
      [
        posting('adzuna', 'a1', { description: 'A much longer description of the same job.' }),
        posting('francetravail', 'f1'),
      ],
      ['a1'],
      1,
    ],
    ['full tie: the source name decides', [posting('francetravail', 'f1'), posting('adzuna', 'a1')], ['a1'], 1],
    [
      'legal form and gender marker do not matter',
      [
        posting('adzuna', 'a1', { title: 'Data Engineer', company: 'BANQUE HORIZON SAS' }),
        posting('francetravail', 'f1'),
      ],
      ['a1'],
      1,
    ],
    [
      'more than 7 days apart: two jobs',
      [posting('adzuna', 'a1'), posting('francetravail', 'f1', { postedAt: '2026-11-29T09:00:00.000Z' })],
      ['a1', 'f1'],
      0,
    ],
    [
      '7 days apart exactly: one job',
      [posting('adzuna', 'a1'), posting('francetravail', 'f1', { postedAt: '2026-11-27T09:00:00.000Z' })],
      ['a1'],
      1,
    ],
    [
      'same source twice: two openings, not duplicates',
      [posting('francetravail', 'f1'), posting('francetravail', 'f2')],
      ['f1', 'f2'],
      0,
    ],
    [
      'different city: two jobs',
      [
        posting('adzuna', 'a1'),
        posting('francetravail', 'f1', {
          location: { ...posting('x', 'y').location, city: 'Lyon', departement: '69' },
        }),
      ],
      ['a1', 'f1'],
      0,
    ],
    [
      'unknown company: never merged',
      [posting('adzuna', 'a1', { company: null }), posting('francetravail', 'f1', { company: null })],
      ['a1', 'f1'],
      0,
    ],
    ['identical ids: one kept', [posting('adzuna', 'a1'), posting('adzuna', 'a1', withSalary)], ['a1'], 1],
    [
      'three sources, one job',
      [posting('adzuna', 'a1'), posting('francetravail', 'f1'), posting('jsonld', 'site.example:9', withSalary)],
      ['site.example:9'],
      2,
    ],
    [
      'two copies per source pair into two clusters',
      [
        posting('adzuna', 'a1'),
        posting('adzuna', 'a2'),
        posting('francetravail', 'f1'),
        posting('francetravail', 'f2'),
      ],
      ['a1', 'a2'],
      2,
    ],
  ];
  for (const [name, input, kept, merged] of cases) {
    it(name, () => {
      const result = dedupePostings(input);
      assert.deepEqual(
        result.kept.map((p) => p.sourceId),
        kept,
      );
      assert.equal(result.merged, merged);
      assert.equal(result.kept.length + result.merged, input.length);
    });
  }

  it('lists the other copies on the kept posting and does not touch its input', () => {
    const input = [posting('adzuna', 'a1'), posting('francetravail', 'f1', withSalary)];
    const { kept } = dedupePostings(input);
    assert.deepEqual(kept[0]!.duplicates, [{ source: 'adzuna', sourceId: 'a1', url: 'https://adzuna.example/a1' }]);
    assert.equal(input[1]!.duplicates, undefined);
  });

  it('gives the same answer whatever the input order', () => {
    const input = [
      posting('adzuna', 'a1'),
      posting('francetravail', 'f1'),
      posting('jsonld', 's:1', { postedAt: '2026-11-22T09:00:00.000Z' }),
      posting('adzuna', 'a2', { postedAt: '2026-11-02T09:00:00.000Z' }),
    ];
    const a = dedupePostings(input)
      .kept.map((p) => [p.sourceId, p.duplicates])
      .sort();
    const b = dedupePostings([...input].reverse())
      .kept.map((p) => [p.sourceId, p.duplicates])
      .sort();
    assert.deepEqual(a, b);
  });

  it('honours a custom window', () => {
    const input = [posting('adzuna', 'a1'), posting('francetravail', 'f1', { postedAt: '2026-11-23T09:00:00.000Z' })];
    assert.equal(dedupePostings(input, { windowDays: 2 }).merged, 0);
    assert.equal(dedupePostings(input, { windowDays: 3 }).merged, 1);
  });
});
