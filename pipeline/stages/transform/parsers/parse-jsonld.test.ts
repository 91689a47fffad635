import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { postingSchema, type Posting } from '../../../../providers/core/index.ts';
import { salaryOfJsonLd, salaryUnitOf } from './jsonld-fields.ts';
import { contentId, identityBasisOf, postingIdentity } from './jsonld-identity.ts';
import { monthsOfExperience, skillListOf, substanceTexts, textsOf } from './jsonld-properties.ts';
import { parsePayload } from './parse-payload.ts';
import type { ParseResult } from './parse-result.ts';
import { salaryFromAmounts } from '../clean/salary.ts';
import { transformPages } from '../transform-pages.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const context = (pageUrl: string | null = null, source = 'wttj') => ({
  source,
  rawKey: 'raw/source=wttj/0.html',
  collectedAt: '2026-12-04T10:00:00.000Z',
  pageUrl,
});
const parse = (name: string, pageUrl: string | null = null): ParseResult =>
  parsePayload('jsonld', fixture(name), context(pageUrl));
const only = (result: ParseResult): Posting => {
  assert.deepEqual(result.rejects, []);
  assert.equal(result.postings.length, 1);
  return result.postings[0]!;
};
const page = (node: Record<string, unknown>, head = '') =>
  `<html><head>${head}<script type="application/ld+json">${JSON.stringify({ '@type': 'JobPosting', title: 'Data Analyst', ...node }).replace(/</g, '\\u003c')}</script></head></html>`;

describe('JSON-LD pages: identity', () => {
  const canonicalHead =
    '<link rel="canonical" href="https://board.example/jobs/42"><meta property="og:url" content="https://board.example/og/42">';

  it('takes identifier, then url, then the page URL, then the canonical link, then og:url, then the content', () => {
    const cases: Array<[Record<string, unknown>, string, string | null, string]> = [
      [
        { identifier: { '@type': 'PropertyValue', value: 'R-7' }, url: 'https://site.example/o/7' },
        canonicalHead,
        'https://fetched.example/p',
        'site.example:R-7',
      ],
      [{ url: 'https://site.example/o/7' }, canonicalHead, 'https://fetched.example/p', 'https://site.example/o/7'],
      [{}, canonicalHead, 'https://fetched.example/p', 'https://fetched.example/p'],
      [{}, canonicalHead, null, 'https://board.example/jobs/42#canonical'],
      [
        {},
        '<meta property="og:url" content="https://board.example/og/42#top">',
        null,
        'https://board.example/og/42#canonical',
      ],
    ];
    for (const [node, head, pageUrl, expected] of cases) {
      const p = only(parsePayload('jsonld', page(node, head), context(pageUrl)));
      assert.equal(p.sourceId, expected);
    }
    const noAddress = only(parsePayload('jsonld', page({ datePosted: '2026-11-01' }), context(null)));
    assert.match(noAddress.sourceId, /^content:[0-9a-f]{24}$/);
    assert.equal(noAddress.url, null);
  });

  it('gives an identifier the host of the canonical link when nothing else names the site', () => {
    assert.equal(
      only(parsePayload('jsonld', page({ identifier: 'R-7' }, canonicalHead), context(null))).sourceId,
      'board.example:R-7',
    );
    assert.equal(only(parsePayload('jsonld', page({ identifier: 'R-7' }), context(null))).sourceId, 'R-7');
  });

  it('resolves a relative url against the page and ignores a relative canonical link', () => {
    const relative = only(parsePayload('jsonld', page({ url: '/o/7' }), context('https://site.example/list?page=2')));
    assert.equal(relative.sourceId, 'https://site.example/o/7');
    const alone = only(
      parsePayload('jsonld', page({ url: '/o/7' }, '<link rel="canonical" href="/o/7">'), context(null)),
    );
    assert.match(alone.sourceId, /^content:/);
  });

  it('numbers the postings of one page, whatever address stands in for them', () => {
    const result = parse('jsonld-shapes.html', 'https://gdn.example/offres');
    assert.deepEqual(
      result.postings.map((p) => p.sourceId),
      ['https://gdn.example/offres#0', 'https://gdn.example/offres#1'],
    );
    const canonical = parsePayload(
      'jsonld',
      fixture('jsonld-shapes.html').replace('href="/offres/ml-engineer"', 'href="https://gdn.example/offres"'),
      context(null),
    );
    assert.deepEqual(
      canonical.postings.map((p) => p.sourceId),
      ['https://gdn.example/offres#canonical-0', 'https://gdn.example/offres#canonical-1'],
    );
  });

  it('derives a content id that is stable for equal content and differs otherwise', () => {
    const a = { '@type': 'JobPosting', title: 'A', hiringOrganization: { name: 'X', sameAs: 'y' } };
    const reordered = { hiringOrganization: { sameAs: 'y', name: 'X' }, title: 'A', '@type': 'JobPosting' };
    assert.equal(contentId(a), contentId(reordered));
    assert.notEqual(contentId(a), contentId({ ...a, title: 'B' }));
    const twice = parse('jsonld-wttj-2022.html');
    assert.equal(only(twice).sourceId, only(parse('jsonld-wttj-2022.html')).sourceId);
  });

  it('reads the basis back from the sourceId', () => {
    const basis = (node: Record<string, unknown>, pageUrl: string | null, head = '', count = 1) =>
      identityBasisOf(
        postingIdentity({ '@type': 'JobPosting', ...node }, 0, count, {
          pageUrl,
          canonical: () => (head ? 'https://c.example/j' : null),
        }).sourceId,
      );
    assert.equal(basis({ identifier: 'X1' }, null), 'identifier');
    assert.equal(basis({ url: 'https://s.example/1' }, null), 'url');
    assert.equal(basis({}, 'https://p.example/l', '', 2), 'page-url');
    assert.equal(basis({}, null, 'yes'), 'canonical');
    assert.equal(basis({}, null), 'content');
  });

  it('a lake page is identified by the URL it was fetched from', () => {
    const body = new TextEncoder().encode(fixture('jsonld-wttj-2022.html'));
    const meta = (url: string | null) =>
      new TextEncoder().encode(
        JSON.stringify({
          source: 'wttj',
          format: 'jsonld',
          url,
          status: 200,
          fetchedAt: '2026-12-04T09:00:00.000Z',
          sha256: '',
          bytes: body.byteLength,
          ext: 'html',
          cursor: null,
        }),
      );
    const out = transformPages([
      { source: 'wttj', rawKey: 'raw/0.html', body, meta: meta('https://board.example/fr/jobs/data-engineer_brest') },
    ]);
    const posting = JSON.parse(new TextDecoder().decode(out.clean).trim()) as Posting;
    assert.equal(posting.sourceId, 'https://board.example/fr/jobs/data-engineer_brest');
    assert.equal(posting.url, 'https://board.example/fr/jobs/data-engineer_brest');
    assert.equal(out.quarantine, null);
  });
});

describe('JSON-LD pages: properties read', () => {
  it('reads a 2022-style page (posting under "content", no address at all)', () => {
    const p = only(parse('jsonld-wttj-2022.html'));
    assert.ok(postingSchema.safeParse(p).success);
    assert.equal(identityBasisOf(p.sourceId), 'content');
    assert.equal(p.company, 'Brisants');
    assert.deepEqual([p.location.city, p.location.departement], ['Brest', '29']);
    assert.deepEqual([p.remote, p.workingTime, p.seniority], ['full', 'full-time', 'mid']);
    // The stack is listed in `qualifications` only.
    for (const skill of ['python', 'sql', 'nosql', 'airflow', 'kafka', 'terraform', 'kubernetes', 'english'])
      assert.ok(p.skills.includes(skill), `${skill} in ${p.skills}`);
    assert.match(p.description, /Environnement technique/);
    assert.match(p.description, /bachelor degree/);
  });

  it('reads a 2025-style page (canonical link, yearly baseSalary, stack and remote days in qualifications)', () => {
    const p = only(parse('jsonld-wttj-2025.html'));
    assert.equal(
      p.sourceId,
      'https://jobs.board.example/fr/companies/corail-sante/jobs/data-analyst-senior_lyon#canonical',
    );
    assert.equal(p.url, 'https://jobs.board.example/fr/companies/corail-sante/jobs/data-analyst-senior_lyon');
    assert.deepEqual([p.salary.minEurYear, p.salary.maxEurYear], [48000, 56000]);
    assert.equal(p.contractType, 'permanent');
    assert.equal(p.remote, 'hybrid');
    assert.equal(p.seniority, 'senior');
    for (const skill of ['sql', 'power bi', 'dbt', 'python'])
      assert.ok(p.skills.includes(skill), `${skill} in ${p.skills}`);
    assert.doesNotMatch(p.description, /&nbsp;/);
  });

  it('reads every shape: DefinedTerm skills, arrays, experience text and months, workHours, applicant location', () => {
    const [ml, steward] = parse('jsonld-shapes.html').postings;
    assert.ok(ml && steward);
    for (const skill of ['pytorch', 'r', 'mlflow', 'docker', 'mlops'])
      assert.ok(ml.skills.includes(skill), `${skill} in ${ml.skills}`);
    assert.deepEqual(
      [ml.remote, ml.workingTime, ml.seniority, ml.company],
      ['full', 'part-time', 'junior', 'Gare du Nord Data'],
    );
    assert.equal(ml.location.country, 'FR');
    for (const text of [
      'Déployer les modèles en production',
      'Une première expérience en MLOps',
      'Bac+5 en informatique',
      'Prime de participation',
      'Temps partiel, 28 h par semaine',
    ]) {
      assert.ok(ml.description.includes(text), text);
    }
    assert.deepEqual([ml.salary.minEurYear, ml.salary.maxEurYear], [37200, 37200]);
    assert.deepEqual(
      [steward.salary.minEurYear, steward.salary.maxEurYear],
      [
        salaryFromAmounts({ min: 250, max: 300, unit: 'DAY', currency: 'EUR', predicted: false, raw: null }).minEurYear,
        salaryFromAmounts({ min: 250, max: 300, unit: 'DAY', currency: 'EUR', predicted: false, raw: null }).maxEurYear,
      ],
    );
    assert.equal(steward.location.country, 'FR');
  });

  it('takes the contract from the page title of a single-posting page when the posting names none', () => {
    assert.equal(only(parse('jsonld-wttj-2022.html')).contractType, 'permanent');
    const titled = (title: string, node: Record<string, unknown>) => page(node, `<title>${title}</title>`);
    const stage = only(
      parsePayload(
        'jsonld',
        titled('Data Analyst - Stage Partners - CDI à Lyon', { hiringOrganization: 'Stage Partners' }),
        context(null),
      ),
    );
    assert.equal(stage.contractType, 'permanent');
    const own = only(
      parsePayload('jsonld', titled('Data Analyst - Acme - CDI à Lyon', { employmentType: 'INTERN' }), context(null)),
    );
    assert.equal(own.contractType, 'internship');
    const two = parse('jsonld-shapes.html').postings;
    assert.deepEqual(
      two.map((p) => p.contractType),
      [null, null],
    );
  });

  it('flattens property values of any shape into their texts', () => {
    assert.deepEqual(textsOf(['a', { name: 'b', description: 'c' }, { credentialCategory: 'd' }, 4, null, [[' e ']]]), [
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    assert.deepEqual(
      skillListOf([
        { '@type': 'DefinedTerm', name: 'SQL', description: 'Query data' },
        { description: 'Langage R' },
        'Python',
      ]),
      ['SQL', 'Langage R', 'Python'],
    );
    assert.equal(
      monthsOfExperience([{ monthsOfExperience: 30 }, { monthsOfExperience: '12' }, 'x', { monthsOfExperience: -1 }]),
      12,
    );
    assert.equal(monthsOfExperience('3 ans'), null);
    assert.deepEqual(substanceTexts({ qualifications: 'SQL', responsibilities: 'Piloter' }, '<p>SQL</p>'), ['Piloter']);
  });
});

describe('JSON-LD pages: baseSalary in every shape', () => {
  const annual = (min: number | null, max: number | null, unit: 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR') => {
    const s = salaryFromAmounts({ min, max, unit, currency: 'EUR', predicted: false, raw: null });
    return [s.minEurYear, s.maxEurYear];
  };
  const read = (baseSalary: unknown, currency?: unknown) => {
    const s = salaryOfJsonLd(baseSalary, currency);
    return [s.minEurYear, s.maxEurYear];
  };
  const qv = (value: Record<string, unknown>, currency: string | undefined = 'EUR') => ({
    '@type': 'MonetaryAmount',
    currency,
    value: { '@type': 'QuantitativeValue', ...value },
  });

  it('annualizes every unitText, its vendor variants and the UN/CEFACT unitCode', () => {
    const units: Array<[unknown, unknown, 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR']> = [
      ['HOUR', undefined, 'HOUR'],
      ['HOURLY', undefined, 'HOUR'],
      ['per hour', undefined, 'HOUR'],
      [undefined, 'HUR', 'HOUR'],
      ['DAY', undefined, 'DAY'],
      ['DAILY', undefined, 'DAY'],
      [undefined, 'DAY', 'DAY'],
      ['WEEK', undefined, 'WEEK'],
      ['WEEKLY', undefined, 'WEEK'],
      [undefined, 'WEE', 'WEEK'],
      ['MONTH', undefined, 'MONTH'],
      ['MONTHLY', undefined, 'MONTH'],
      ['par mois', undefined, 'MONTH'],
      [undefined, 'MON', 'MONTH'],
      ['YEAR', undefined, 'YEAR'],
      ['YEARLY', undefined, 'YEAR'],
      ['per_year', undefined, 'YEAR'],
      ['annuel', undefined, 'YEAR'],
      [undefined, 'ANN', 'YEAR'],
    ];
    for (const [unitText, unitCode, unit] of units) {
      assert.equal(salaryUnitOf(unitText, unitCode), unit, `${String(unitText)} / ${String(unitCode)}`);
    }
    assert.equal(salaryUnitOf('fortnight', undefined), null);
    assert.equal(salaryUnitOf(undefined, undefined), undefined);
    assert.deepEqual(read(qv({ minValue: 20, maxValue: 25, unitText: 'HOURLY' })), annual(20, 25, 'HOUR'));
    assert.deepEqual(read(qv({ minValue: 36000, maxValue: 50000, unitText: 'YEARLY' })), [36000, 50000]);
  });

  it('reads a plain number, a numeric string, a value without QuantitativeValue, min/max on the amount and PriceSpecification', () => {
    assert.deepEqual(read(45000), [45000, 45000]);
    assert.deepEqual(read('52 000'), [52000, 52000]);
    assert.deepEqual(read({ '@type': 'MonetaryAmount', currency: 'EUR', value: 3000 }), annual(3000, 3000, 'MONTH'));
    assert.deepEqual(
      read({ '@type': 'MonetaryAmount', minValue: 40000, maxValue: 45000, unitText: 'YEAR' }),
      [40000, 45000],
    );
    assert.deepEqual(
      read({
        '@type': 'UnitPriceSpecification',
        price: 550,
        priceCurrency: 'EUR',
        referenceQuantity: { unitCode: 'DAY' },
      }),
      annual(550, 550, 'DAY'),
    );
  });

  it('a single value is both ends; a lone minValue stays a floor; a bound beside a value is completed by it', () => {
    assert.deepEqual(read(qv({ value: 4000, unitText: 'MONTH' })), annual(4000, 4000, 'MONTH'));
    assert.deepEqual(read(qv({ minValue: 42000, unitText: 'YEAR' })), [42000, null]);
    assert.deepEqual(read(qv({ minValue: 3500, value: 4000, unitText: 'MONTH' })), annual(3500, 4000, 'MONTH'));
  });

  it('records whether the period was stated or inferred from the size', () => {
    assert.equal(salaryOfJsonLd(qv({ minValue: 36000, maxValue: 50000, unitText: 'YEARLY' })).basis, 'stated');
    assert.equal(salaryOfJsonLd(45000).basis, 'inferred-period');
    assert.equal(salaryOfJsonLd({ '@type': 'MonetaryAmount', currency: 'EUR', value: 3000 }).basis, 'inferred-period');
    assert.deepEqual(read(qv({ value: 3000, unitText: 'FORTNIGHT' })), [null, null]);
  });

  it('chooses the EUR amount of an array, takes salaryCurrency, and refuses other currencies', () => {
    assert.deepEqual(
      read([qv({ value: 9000, unitText: 'MONTH' }, 'USD'), qv({ value: 3500, unitText: 'MONTH' })]),
      annual(3500, 3500, 'MONTH'),
    );
    assert.deepEqual(read({ '@type': 'MonetaryAmount', value: { value: 60000, unitText: 'YEAR' } }, 'GBP'), [
      null,
      null,
    ]);
    assert.deepEqual(read(60000, 'EUR'), [60000, 60000]);
    assert.deepEqual(read(qv({ value: 'selon profil', unitText: 'YEAR' })), [null, null]);
    assert.equal(salaryOfJsonLd(qv({ value: 'selon profil', unitText: 'YEAR' })).raw?.includes('selon profil'), true);
  });

  it('never throws, and gives an ordered, plausible range or nulls (property)', () => {
    const amount = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null), fc.constant(undefined));
    const unit = fc.oneof(
      fc.constantFrom('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR', 'YEARLY', 'MON', 'ANN', 'x'),
      fc.anything(),
    );
    const shape = fc.oneof(
      amount,
      fc.record(
        {
          currency: fc.oneof(fc.constantFrom('EUR', 'USD'), fc.anything()),
          value: fc.oneof(
            amount,
            fc.record(
              { value: amount, minValue: amount, maxValue: amount, unitText: unit, unitCode: unit },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.oneof(shape, fc.array(shape, { maxLength: 3 })), fc.anything(), (baseSalary, currency) => {
        const s = salaryOfJsonLd(baseSalary, currency);
        for (const v of [s.minEurYear, s.maxEurYear])
          assert.ok(v === null || (v >= 1_000 && v <= 1_000_000), String(v));
        if (s.minEurYear !== null && s.maxEurYear !== null) assert.ok(s.minEurYear <= s.maxEurYear);
      }),
      { numRuns: 500 },
    );
  });
});

describe('JSON-LD pages: any JobPosting gets an identity (property)', () => {
  it('never rejects a titled posting for want of an id, and ids are deterministic', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.anything());
    const node = fc.record(
      {
        title: fc.constantFrom('Data Engineer', 'Analyste H/F'),
        url: value,
        identifier: value,
        description: value,
        skills: value,
        qualifications: value,
        experienceRequirements: value,
        baseSalary: value,
        jobLocationType: value,
      },
      { requiredKeys: ['title'] },
    );
    fc.assert(
      fc.property(node, fc.oneof(fc.constant(null), fc.webUrl()), (n, pageUrl) => {
        const body = page(n);
        const a = parsePayload('jsonld', body, context(pageUrl));
        const b = parsePayload('jsonld', body, context(pageUrl));
        assert.ok(
          a.rejects.every((r) => r.reason !== 'missing source id' && !r.reason.startsWith('parser failed')),
          JSON.stringify(a.rejects),
        );
        assert.deepEqual(
          a.postings.map((p) => p.id),
          b.postings.map((p) => p.id),
        );
      }),
      { numRuns: 300 },
    );
  });
});
