import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { postingSchema, type Posting } from '../../../../providers/core/index.ts';
import type { PayloadFormat } from '../../../sources/source.ts';
import { detectPayloadFormat, parsePayload } from './parse-payload.ts';
import type { ParseResult } from './parse-result.ts';
import { postingId } from '../clean/posting-id.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const parse = (format: PayloadFormat, name: string, source: string = format, pageUrl?: string): ParseResult =>
  parsePayload(format, fixture(name), {
    source,
    rawKey: `raw/source=${source}/dt=2026-11-28/run=r1/0.json`,
    collectedAt: '2026-11-28T10:00:00.000Z',
    pageUrl: pageUrl ?? null,
  });
const bySourceId = (result: ParseResult, id: string): Posting => {
  const found = result.postings.find((p) => p.sourceId === id);
  assert.ok(found, `no posting ${id} in ${result.postings.map((p) => p.sourceId).join(', ')}`);
  return found;
};

describe('parsePayload', () => {
  describe('adzuna', () => {
    const result = parse('adzuna', 'adzuna-search.json');

    it('turns every valid result into a schema-valid posting and rejects the untitled one', () => {
      assert.equal(result.postings.length, 3);
      for (const p of result.postings) assert.ok(postingSchema.safeParse(p).success);
      assert.deepEqual(
        result.rejects.map((r) => [r.index, r.reason]),
        [[3, 'missing title']],
      );
      assert.equal((result.rejects[0]!.record as { id: string }).id, '4921834580');
    });

    it('maps fields, cleans text and resolves the arrondissement', () => {
      const p = bySourceId(result, '4921834577');
      assert.equal(p.id, postingId('adzuna', '4921834577'));
      assert.equal(p.title, 'Data Engineer Senior H/F');
      assert.equal(p.company, 'Assurances Boréal');
      assert.match(p.description, /^Notre client, acteur majeur de l'assurance, recherche un Data Engineer pour/);
      assert.doesNotMatch(p.description, /<|&#/);
      assert.deepEqual(
        {
          city: p.location.city,
          postalCode: p.location.postalCode,
          departement: p.location.departement,
          region: p.location.region,
          country: p.location.country,
        },
        { city: 'Paris', postalCode: '75015', departement: '75', region: 'Île-de-France', country: 'FR' },
      );
      assert.equal(p.location.lat, 48.8412);
      assert.deepEqual(
        [p.contractType, p.workingTime, p.remote, p.seniority],
        ['permanent', 'full-time', 'hybrid', 'senior'],
      );
      assert.deepEqual(p.salary, {
        minEurYear: 55000,
        maxEurYear: 65000,
        predicted: false,
        raw: 'salary_min=55000 salary_max=65000',
        basis: 'stated',
      });
      assert.deepEqual(p.skills, ['airflow', 'bigquery', 'dbt', 'gcp', 'python', 'spark']);
      assert.equal(p.postedAt, '2026-11-20T08:14:31.000Z');
      assert.equal(p.url, 'https://www.adzuna.fr/land/ad/4921834577?se=x&utm_medium=api&v=A1');
    });

    it('reads "contract" as an internship when the title says so, and keeps the predicted flag', () => {
      const p = bySourceId(result, '4921834578');
      assert.equal(p.contractType, 'internship');
      assert.equal(p.seniority, 'junior');
      assert.equal(p.salary.predicted, true);
      assert.equal(p.location.city, 'Lyon');
      assert.equal(p.location.postalCode, '69003');
    });

    it('falls back to fixed-term for a bare "contract", null company for an empty one, Corse for Ajaccio', () => {
      const p = bySourceId(result, '4921834579');
      assert.equal(p.contractType, 'fixed-term');
      assert.equal(p.company, null);
      assert.equal(p.remote, 'full');
      assert.equal(p.location.departement, '2A');
      assert.equal(p.location.region, 'Corse');
      assert.equal(p.salary.minEurYear, null);
    });

    it('gives one payload reject for truncated JSON and nothing for an empty search', () => {
      const truncated = parse('adzuna', 'adzuna-truncated.json');
      assert.equal(truncated.postings.length, 0);
      assert.equal(truncated.rejects.length, 1);
      assert.equal(truncated.rejects[0]!.index, null);
      assert.match(truncated.rejects[0]!.reason, /not valid JSON/);
      assert.deepEqual(parse('adzuna', 'adzuna-empty.json'), { postings: [], rejects: [] });
    });

    it('rejects a payload of the wrong shape with a clear reason', () => {
      const wrong = parse('adzuna', 'francetravail-search.json');
      assert.equal(wrong.postings.length, 0);
      assert.match(wrong.rejects[0]!.reason, /no "results" array/);
    });
  });

  describe('francetravail', () => {
    const result = parse('francetravail', 'francetravail-search.json');

    it('parses four offers and rejects the one without intitulé', () => {
      assert.equal(result.postings.length, 4);
      assert.deepEqual(
        result.rejects.map((r) => [r.index, r.reason]),
        [[4, 'missing title']],
      );
    });

    it('maps an annual CDI in Paris 15e with competences', () => {
      const p = bySourceId(result, '201KXPL');
      assert.equal(p.url, 'https://candidat.francetravail.fr/offres/recherche/detail/201KXPL');
      assert.equal(p.company, 'MUTUELLE LUMEN');
      assert.deepEqual([p.location.city, p.location.postalCode, p.location.departement], ['Paris', '75015', '75']);
      assert.deepEqual(
        [p.contractType, p.workingTime, p.remote, p.seniority],
        ['permanent', 'full-time', 'hybrid', 'senior'],
      );
      assert.deepEqual([p.salary.minEurYear, p.salary.maxEurYear], [45000, 55000]);
      assert.deepEqual(p.skills, ['machine learning', 'python', 'r', 'sas', 'scikit-learn', 'sql', 'statistics']);
      assert.equal(p.description.split('\n').length, 3);
    });

    it('recognises the apprenticeship, Corse-du-Sud and a comma-decimal monthly salary', () => {
      const p = bySourceId(result, '201KXPM');
      assert.equal(p.contractType, 'apprenticeship');
      assert.equal(p.seniority, 'junior');
      assert.deepEqual([p.location.city, p.location.departement, p.location.region], ['Ajaccio', '2A', 'Corse']);
      assert.equal(p.salary.minEurYear, 13200);
      assert.equal(p.url, 'https://candidat.francetravail.fr/offres/recherche/detail/201KXPM');
    });

    it('annualizes an hourly part-time rate with the weekly hours and resolves Guadeloupe', () => {
      const p = bySourceId(result, '201KXPN');
      assert.equal(p.salary.minEurYear, 15 * 24 * 52);
      assert.equal(p.salary.raw, 'Horaire de 15.00 Euros sur 12 mois');
      assert.deepEqual(
        [p.workingTime, p.remote, p.contractType, p.seniority],
        ['part-time', 'none', 'fixed-term', 'mid'],
      );
      assert.deepEqual([p.location.departement, p.location.region], ['971', 'Guadeloupe']);
      assert.equal(p.company, null);
    });

    it('keeps the salary comment as raw when there is no libellé', () => {
      const p = bySourceId(result, '201KXPO');
      assert.deepEqual(p.salary, { minEurYear: null, maxEurYear: null, predicted: false, raw: 'Selon profil' });
      assert.equal(p.contractType, 'temporary');
      assert.equal(p.location.departement, '69');
      assert.deepEqual(p.skills, ['sql server', 'ssis', 'tableau']);
    });

    it('accepts an empty search and rejects truncated JSON', () => {
      assert.deepEqual(parse('francetravail', 'francetravail-empty.json'), { postings: [], rejects: [] });
      const body = fixture('francetravail-search.json').slice(0, 500);
      const cut = parsePayload('francetravail', body, {
        source: 'francetravail',
        rawKey: 'k',
        collectedAt: '2026-11-28T10:00:00.000Z',
      });
      assert.equal(cut.postings.length, 0);
      assert.equal(cut.rejects.length, 1);
      assert.equal(cut.rejects[0]!.record, body);
    });
  });

  describe('jsonld', () => {
    it('reads a single posting with a monthly salary, entities and a PropertyValue identifier', () => {
      const result = parse('jsonld', 'jsonld-single.html');
      assert.equal(result.rejects.length, 0);
      const [p] = result.postings;
      assert.ok(p);
      assert.equal(p.sourceId, 'careers.oceane.example:REF-2026-118');
      assert.equal(p.company, 'Océane Logistique');
      assert.equal(
        p.description,
        'Nous recherchons un Data Engineer pour notre plateforme : Python, Kafka & Snowflake.\nCDI\nTélétravail partiel',
      );
      assert.deepEqual([p.salary.minEurYear, p.salary.maxEurYear], [42000, 50400]);
      assert.deepEqual([p.contractType, p.workingTime, p.remote], ['permanent', 'full-time', 'hybrid']);
      assert.deepEqual(
        [p.location.city, p.location.departement, p.location.region],
        ['Nantes', '44', 'Pays de la Loire'],
      );
      assert.equal(p.postedAt, '2026-11-21T00:00:00.000Z');
      assert.deepEqual(p.skills, ['kafka', 'python', 'snowflake']);
    });

    it('finds every JobPosting of an @graph: telecommute day rate, double-escaped HTML, non-EUR salary', () => {
      const result = parse('jsonld', 'jsonld-graph.html');
      assert.equal(result.rejects.length, 0);
      assert.equal(result.postings.length, 2);
      const free = bySourceId(result, 'jobs.sirius.example:SIR-7');
      assert.equal(free.description, 'Mission de 6 mois, TJM selon profil. Python & NLP.');
      assert.deepEqual(
        [free.contractType, free.remote, free.location.country, free.location.city],
        ['freelance', 'full', 'FR', null],
      );
      assert.equal(free.salary.minEurYear, 600 * 218);
      assert.equal(free.postedAt, '2026-11-26T08:30:00.000Z');
      const analyst = bySourceId(result, 'jobs.sirius.example:8');
      assert.equal(analyst.title, 'Data Analyst Junior');
      assert.equal(analyst.company, 'Sirius Analytics');
      assert.deepEqual([analyst.workingTime, analyst.seniority], ['part-time', 'junior']);
      assert.deepEqual(
        [analyst.location.city, analyst.location.postalCode, analyst.location.lat],
        ['Marseille', '13008', 43.241],
      );
      assert.equal(analyst.salary.minEurYear, null);
      assert.match(analyst.salary.raw ?? '', /USD/);
      assert.deepEqual(analyst.skills, ['looker', 'tableau']);
    });

    it('keeps the good block next to a broken one and reports only the broken JobPosting', () => {
      const result = parse('jsonld', 'jsonld-broken-block.html');
      assert.equal(result.postings.length, 1);
      assert.equal(result.rejects.length, 1);
      assert.match(result.rejects[0]!.reason, /JSON-LD block 0 is not valid JSON/);
      const p = result.postings[0]!;
      assert.equal(p.sourceId, 'vauban.example:ARC-1');
      assert.deepEqual([p.contractType, p.remote, p.seniority], ['permanent', 'full', 'lead']);
      assert.deepEqual([p.salary.minEurYear, p.location.city, p.location.departement], [85000, 'Lille', '59']);
    });

    it('rejects a page without JSON-LD as a whole', () => {
      const result = parse('jsonld', 'jsonld-none.html');
      assert.equal(result.postings.length, 0);
      assert.deepEqual(
        result.rejects.map((r) => [r.index, r.reason]),
        [[null, 'page has no JSON-LD block']],
      );
    });

    it('falls back to the page URL for a posting without identifier or url, else to a content id', () => {
      const body =
        '<script type="application/ld+json">{"@type":"JobPosting","title":"Data Analyst","datePosted":"2026-11-01"}</script>';
      const ctx = {
        source: 'jsonld',
        rawKey: 'k',
        collectedAt: '2026-11-28T10:00:00.000Z',
        pageUrl: 'https://site.example/job/9',
      };
      assert.equal(parsePayload('jsonld', body, ctx).postings[0]?.sourceId, 'https://site.example/job/9');
      const noUrl = parsePayload('jsonld', body, { ...ctx, pageUrl: null });
      assert.deepEqual(noUrl.rejects, []);
      assert.match(noUrl.postings[0]!.sourceId, /^content:[0-9a-f]{24}$/);
    });
  });

  it('does not take the employer for a skill, and blanks whole words only', () => {
    const body = JSON.stringify({
      results: [
        {
          id: '1',
          title: 'Data Engineer',
          company: { display_name: 'Cortex IA' },
          description: 'Cortex IA cherche un profil Databricks et Python.',
        },
        {
          id: '2',
          title: 'Data Engineer',
          company: { display_name: 'Data' },
          description: 'Chez Data, nous utilisons Databricks.',
        },
      ],
    });
    const [a, b] = parsePayload('adzuna', body, {
      source: 'adzuna',
      rawKey: 'k',
      collectedAt: '2026-11-28T10:00:00.000Z',
    }).postings;
    assert.deepEqual(a?.skills, ['databricks', 'python']);
    assert.deepEqual(b?.skills, ['databricks']);
  });

  it('detects the format of a payload from its content', () => {
    assert.equal(detectPayloadFormat(fixture('adzuna-search.json')), 'adzuna');
    assert.equal(detectPayloadFormat(fixture('adzuna-empty.json')), 'adzuna');
    assert.equal(detectPayloadFormat(fixture('francetravail-search.json')), 'francetravail');
    assert.equal(detectPayloadFormat(fixture('jsonld-none.html')), 'jsonld');
    assert.equal(detectPayloadFormat('{"count": 3}'), null);
    assert.equal(detectPayloadFormat('plain text'), null);
  });

  it('namespaces ids by format when one source relays several formats', () => {
    const result = parse('adzuna', 'adzuna-search.json', 'sample');
    assert.equal(result.postings[0]!.sourceId, 'adzuna:4921834577');
    assert.equal(result.postings[0]!.source, 'sample');
    assert.equal(result.postings[0]!.rawKey, 'raw/source=sample/dt=2026-11-28/run=r1/0.json');
  });
});
