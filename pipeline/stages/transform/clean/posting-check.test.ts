import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import { postingSchema, type Posting } from '../../../../providers/core/index.ts';
import { surelyValidPosting } from './posting-check.ts';

/**
 * The JSON Schema of postingSchema when posting-check.ts was written against it. A change
 * to the schema changes it: read the new schema, bring surelyValidPosting in line, then
 * update this digest.
 */
const SCHEMA_DIGEST = '645fba321fe1000fedde77899e24b19d0a54c1867d6725a2e475bd4a33b0950f';

const VALID: Posting = {
  id: 'a1b2c3',
  source: 'adzuna',
  sourceId: '42',
  url: 'https://example.com/42',
  title: 'Data Engineer',
  company: 'Acme',
  description: 'Python, SQL',
  location: {
    raw: 'Paris',
    city: 'Paris',
    postalCode: '75001',
    departement: '75',
    region: 'Île-de-France',
    country: 'FR',
    lat: 48.85,
    lon: 2.35,
  },
  contractType: 'permanent',
  workingTime: 'full-time',
  remote: 'hybrid',
  seniority: 'senior',
  salary: { minEurYear: 45_000, maxEurYear: 55_000, predicted: false, raw: '45-55k', basis: 'stated' },
  skills: ['python', 'sql'],
  postedAt: '2026-11-20T00:00:00.000Z',
  collectedAt: '2026-11-28T10:00:00.000Z',
  rawKey: 'raw/source=adzuna/0.json',
};

/** Values that are right for some field and wrong for most, and the awkward ones. */
const ANY = fc.oneof(
  fc.constantFrom(null, undefined, '', 'FR', 'F', 'FRA', 'x', 'permanent', 'full-time', 'none', 'junior', 'stated'),
  fc.constantFrom('2026-11-28T10:00:00.000Z', '2026-02-30T10:00:00Z', '2026-11-28', '2026-11-28T10:00:00+01:00'),
  fc.constantFrom(0, -0, 1, -1, 90, 90.5, -180, 181, 1e300, Number.NaN, Number.POSITIVE_INFINITY, true, false),
  fc.constantFrom([], ['a'], [1], [undefined], new Array(2), {}, { a: 1 }),
  fc.string({ maxLength: 3 }),
  fc.double(),
);

/** A valid posting with some fields (top-level or nested) replaced by anything. */
const candidate = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...Object.keys(VALID), 'duplicates', 'flags', 'extra'), ANY, { maxKeys: 3 }),
    fc.dictionary(fc.constantFrom(...Object.keys(VALID.location)), ANY, { maxKeys: 2 }),
    fc.dictionary(fc.constantFrom(...Object.keys(VALID.salary)), ANY, { maxKeys: 2 }),
  )
  .map(([top, location, salary]) => ({
    ...VALID,
    location: { ...VALID.location, ...location },
    salary: { ...VALID.salary, ...salary },
    ...top,
  }));

describe('surelyValidPosting: the schema checked without zod when nothing is wrong', () => {
  it('is true only where postingSchema accepts, whatever a field holds', () => {
    let sure = 0;
    fc.assert(
      fc.property(candidate, (posting) => {
        if (!surelyValidPosting(posting as Posting)) return;
        sure += 1;
        assert.ok(postingSchema.safeParse(posting).success, JSON.stringify(posting));
      }),
      { numRuns: 5_000 },
    );
    assert.ok(sure > 100, `only ${sure} candidates were judged valid: the test says little`);
  });

  it('is true for a valid posting, nulls and optional fields included', () => {
    assert.equal(surelyValidPosting(VALID), true);
    const sparse = {
      ...VALID,
      url: null,
      company: null,
      contractType: null,
      postedAt: null,
      flags: ['x'],
      salary: { minEurYear: null, maxEurYear: null, predicted: true, raw: null },
    };
    assert.equal(surelyValidPosting(sparse), true);
    assert.ok(postingSchema.safeParse(sparse).success);
  });

  it('was written against the schema as it is', () => {
    const schema = JSON.stringify(z.toJSONSchema(postingSchema));
    const digest = createHash('sha256').update(schema).digest('hex');
    assert.equal(digest, SCHEMA_DIGEST, `postingSchema changed; posting-check.ts must follow it. Now: ${schema}`);
  });
});
