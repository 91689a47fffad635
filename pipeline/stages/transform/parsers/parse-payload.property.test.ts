import assert from 'node:assert/strict';
import fc from 'fast-check';
import { postingSchema } from '../../../../providers/core/index.ts';
import type { PayloadFormat } from '../../../sources/source.ts';
import { parsePayload } from './parse-payload.ts';

const FORMATS: PayloadFormat[] = ['adzuna', 'francetravail', 'jsonld'];
const context = {
  source: 'prop',
  rawKey: 'raw/prop',
  collectedAt: '2026-11-28T10:00:00.000Z',
  pageUrl: 'https://prop.example/p',
};

/** Parses and checks the invariants every result must hold. */
function check(format: PayloadFormat, body: string): void {
  const result = parsePayload(format, body, context);
  assert.ok(Array.isArray(result.postings) && Array.isArray(result.rejects));
  for (const p of result.postings) assert.ok(postingSchema.safeParse(p).success, JSON.stringify(p));
  for (const r of result.rejects) {
    assert.ok(typeof r.reason === 'string' && r.reason.length > 0);
    // The safety net in parsePayload must not be what kept it from throwing.
    assert.ok(!r.reason.startsWith('parser failed'), r.reason);
  }
}

/** Values of any type, biased towards the ones parsers meet: strings, numbers, null. */
const loose = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.boolean()) },
  { weight: 1, arbitrary: fc.anything() },
);
const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'Paris',
    '75 - Paris 15e Arrondissement',
    '2A - AJACCIO',
    'Data Engineer H/F',
    '<p>Python &amp; R</p>',
    'CDI',
    '',
    '   ',
  ),
);
const date = fc.oneof(
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString())),
  fc.string(),
  fc.integer(),
);

const adzunaRecord = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer(), loose),
    title: fc.oneof(text, loose),
    description: fc.oneof(text, loose),
    created: date,
    redirect_url: loose,
    company: fc.oneof(fc.record({ display_name: fc.oneof(text, loose) }), loose),
    location: fc.oneof(
      fc.record({ display_name: fc.oneof(text, loose), area: fc.oneof(fc.array(fc.oneof(text, loose)), loose) }),
      loose,
    ),
    latitude: loose,
    longitude: loose,
    salary_min: loose,
    salary_max: loose,
    salary_is_predicted: loose,
    contract_type: fc.oneof(fc.constantFrom('permanent', 'contract'), loose),
    contract_time: fc.oneof(fc.constantFrom('full_time', 'part_time'), loose),
  },
  { requiredKeys: [] },
);

const franceTravailRecord = fc.record(
  {
    id: fc.oneof(fc.string(), loose),
    intitule: fc.oneof(text, loose),
    description: fc.oneof(text, loose),
    dateCreation: date,
    lieuTravail: fc.oneof(
      fc.record(
        { libelle: fc.oneof(text, loose), codePostal: loose, commune: loose, latitude: loose, longitude: loose },
        { requiredKeys: [] },
      ),
      loose,
    ),
    entreprise: fc.oneof(fc.record({ nom: fc.oneof(text, loose) }), loose),
    typeContrat: fc.oneof(fc.constantFrom('CDI', 'CDD', 'MIS', 'LIB'), loose),
    natureContrat: loose,
    alternance: loose,
    dureeTravailLibelle: fc.oneof(fc.constantFrom('35H Horaires normaux', '24 H'), loose),
    dureeTravailLibelleConverti: loose,
    experienceExige: fc.oneof(fc.constantFrom('D', 'E', 'S'), loose),
    experienceLibelle: loose,
    salaire: fc.oneof(
      fc.record(
        {
          libelle: fc.oneof(
            fc.constantFrom('Annuel de 45000.00 Euros à 55000.00 Euros sur 12.0 mois', 'Horaire de 1e308 Euros'),
            loose,
          ),
          commentaire: loose,
        },
        { requiredKeys: [] },
      ),
      loose,
    ),
    competences: fc.oneof(fc.array(fc.record({ libelle: fc.oneof(text, loose) })), loose),
    origineOffre: loose,
  },
  { requiredKeys: [] },
);

const jobPosting = fc.record(
  {
    '@type': fc.oneof(fc.constant('JobPosting'), fc.constant(['JobPosting']), loose),
    title: fc.oneof(text, loose),
    name: loose,
    description: fc.oneof(text, loose),
    identifier: fc.oneof(fc.record({ value: loose }), loose),
    url: loose,
    datePosted: date,
    employmentType: fc.oneof(fc.constantFrom('FULL_TIME', 'INTERN', 'CONTRACTOR'), fc.array(loose), loose),
    hiringOrganization: fc.oneof(fc.record({ name: loose }), loose),
    jobLocationType: loose,
    jobLocation: fc.oneof(
      fc.record(
        {
          address: fc.oneof(
            fc.record(
              { addressLocality: loose, postalCode: loose, addressRegion: loose, addressCountry: loose },
              { requiredKeys: [] },
            ),
            loose,
          ),
          geo: loose,
        },
        { requiredKeys: [] },
      ),
      fc.array(loose),
      loose,
    ),
    baseSalary: fc.oneof(
      fc.record(
        {
          currency: loose,
          value: fc.oneof(
            fc.record({ minValue: loose, maxValue: loose, value: loose, unitText: loose }, { requiredKeys: [] }),
            loose,
          ),
          unitText: loose,
        },
        { requiredKeys: [] },
      ),
      loose,
    ),
    experienceRequirements: loose,
    skills: loose,
  },
  { requiredKeys: [] },
);
const page = (blocks: unknown[]) =>
  `<html><head>${blocks.map((b) => `<script type="application/ld+json">${JSON.stringify(b) ?? 'undefined'}</script>`).join('')}</head></html>`;

/** Keys that turn naive code (`String(v)`, `table[k]`) into a crash or a wrong answer. */
const hostile = fc.constantFrom<unknown>(
  { toString: 0 },
  { valueOf: 0, toString: 0 },
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  { __proto__: 1 },
);

describe('parsePayload (properties)', () => {
  it('survives prototype-polluting and non-convertible values in every field', () => {
    const keysByFormat: Record<PayloadFormat, (v: unknown) => unknown> = {
      adzuna: (v) => ({
        results: [
          {
            id: '1',
            title: 'Data',
            contract_type: v,
            contract_time: v,
            company: v,
            location: { area: [v], display_name: v },
            salary_min: v,
            salary_is_predicted: v,
            created: v,
          },
        ],
      }),
      francetravail: (v) => ({
        resultats: [
          {
            id: '1',
            intitule: 'Data',
            typeContrat: v,
            natureContrat: v,
            dureeTravailLibelleConverti: v,
            experienceExige: v,
            experienceLibelle: v,
            salaire: { libelle: v },
            lieuTravail: { libelle: v, commune: v },
            competences: [{ libelle: v }],
          },
        ],
      }),
      jsonld: (v) => ({
        '@type': 'JobPosting',
        title: 'Data',
        identifier: v,
        employmentType: v,
        experienceRequirements: { monthsOfExperience: v },
        baseSalary: { value: { value: v, unitText: v }, currency: v },
        jobLocation: { address: { addressLocality: v, addressCountry: v } },
        skills: v,
      }),
    };
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), hostile, (format, v) => {
        const value = keysByFormat[format](v);
        const body = format === 'jsonld' ? page([value]) : JSON.stringify(value);
        check(format, body);
        assert.equal(parsePayload(format, body, context).postings.length, 1);
      }),
      { numRuns: 60 },
    );
    assert.match(
      parsePayload('constructor' as PayloadFormat, '{}', context).rejects[0]!.reason,
      /unknown payload format "constructor"/,
    );
  });

  it('never throws on arbitrary strings, in any format', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.string({ maxLength: 400 }), (format, body) => check(format, body)),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.jsonValue(), (format, value) =>
        check(format, JSON.stringify(value) ?? ''),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on Adzuna-shaped responses', () => {
    fc.assert(
      fc.property(
        fc.record(
          { count: loose, results: fc.oneof(fc.array(adzunaRecord, { maxLength: 5 }), loose) },
          { requiredKeys: [] },
        ),
        (v) => check('adzuna', JSON.stringify(v) ?? ''),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on France Travail-shaped responses', () => {
    fc.assert(
      fc.property(
        fc.record(
          { resultats: fc.oneof(fc.array(franceTravailRecord, { maxLength: 5 }), loose), filtresPossibles: loose },
          { requiredKeys: [] },
        ),
        (v) => check('francetravail', JSON.stringify(v) ?? ''),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on pages of JobPosting-shaped JSON-LD, broken blocks included', () => {
    const block = fc.oneof(
      jobPosting,
      fc.record({ '@graph': fc.array(jobPosting, { maxLength: 3 }) }),
      fc.array(jobPosting, { maxLength: 3 }),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 3 }), (blocks) => check('jsonld', page(blocks))),
      { numRuns: 300 },
    );
  });
});
