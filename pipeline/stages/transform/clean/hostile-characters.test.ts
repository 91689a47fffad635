/**
 * Bad characters in source text (issue #16, finding 1, transform side): a NUL, another C0
 * control or an unpaired surrogate in any field used to reach the warehouse, where
 * PostgreSQL's jsonb refuses it and the whole load failed on every resume. Now every
 * string of a canonical posting is storable — checked against a real PGlite, the engine
 * of the local warehouse — the posting is flagged, and a record whose id or title is
 * unusable is quarantined with its reason.
 */
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import type { Posting } from '../../../../providers/core/index.ts';
import { parsePayload } from '../parsers/parse-payload.ts';
import type { ParseResult } from '../parsers/parse-result.ts';
import { firstUnstorablePath } from './unsafe-characters.ts';

const context = {
  source: 'hostile',
  rawKey: 'raw/source=hostile/dt=2026-12-01/run=r1/0.json',
  collectedAt: '2026-12-01T10:00:00.000Z',
  pageUrl: null,
};
/** C0 controls but tab and line feed, DEL, and surrogates that are not part of a pair. */
const UNSTORABLE =
  /[\u0000-\u0008\u000B-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string inside a value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

function assertStorableText(posting: Posting): void {
  for (const [path, text] of strings(posting))
    assert.doesNotMatch(text, UNSTORABLE, `${posting.sourceId} ${path} = ${JSON.stringify(text)}`);
}

const adzuna = (record: Record<string, unknown>) =>
  JSON.stringify({
    results: [
      {
        id: '1',
        title: 'Data Engineer',
        description: 'Spark et SQL',
        redirect_url: 'https://www.adzuna.fr/land/ad/1',
        company: { display_name: 'Acme' },
        location: { display_name: 'Paris', area: ['France', 'Ile-de-France', 'Paris'] },
        created: '2026-11-30T08:00:00Z',
        ...record,
      },
    ],
  });

/** One hostile value per text field, as JSON escapes carry them (`\u0000`, `\ud800`). */
const HOSTILE_FIELDS: [name: string, record: Record<string, unknown>, field: string][] = [
  ['NUL in the title', { title: 'Data\u0000 Engineer' }, 'title'],
  ['lone high surrogate in the title', { title: 'Data Engineer \uD83D' }, 'title'],
  ['lone low surrogate in the description', { description: 'Spark \uDE00 SQL' }, 'description'],
  ['NUL in the description', { description: 'Spark\u0000SQL\u0001\u001B[31m' }, 'description'],
  ['backspace and DEL in the company', { company: { display_name: 'Ac\u0008me\u007F' } }, 'company'],
  [
    'NUL in the location',
    { location: { display_name: 'Par\u0000is', area: ['France', 'Ile-de-France', 'Pa\u0000ris'] } },
    'location',
  ],
  [
    'surrogate in the location area',
    { location: { display_name: 'Paris', area: ['France', '\uDC00', 'Paris'] } },
    'location',
  ],
  ['NUL in the URL', { redirect_url: 'https://www.adzuna.fr/land/ad/1\u0000' }, 'url'],
  ['escape sequence in the URL', { redirect_url: 'https://www.adzuna.fr/land/\u001B[2Jad/1' }, 'url'],
];

describe('hostile characters in source text', () => {
  it('names the first unstorable string by its path', () => {
    assert.equal(firstUnstorablePath({ a: 'ok', b: { c: ['x', 'y\u0000'] } }), 'b.c[1]');
    assert.equal(firstUnstorablePath({ a: 'ok 🚀', b: [1, null] }), null);
  });

  let db: PGlite;
  before(async function () {
    this.timeout(60_000);
    db = await PGlite.create('memory://');
  });
  after(async () => db?.close());

  /** What the warehouse load does with a posting: the whole document as jsonb, and its text columns. */
  async function assertLoadable(posting: Posting): Promise<void> {
    await db.query('SELECT $1::jsonb AS doc', [JSON.stringify(posting)]);
    for (const [, text] of strings(posting)) await db.query('SELECT $1::text AS t', [text]);
  }

  for (const [name, record, field] of HOSTILE_FIELDS) {
    it(`${name}: cleaned, flagged and storable`, async () => {
      const result = parsePayload('adzuna', adzuna(record), context);
      assert.deepEqual(result.rejects, []);
      const posting = result.postings[0]!;
      assertStorableText(posting);
      const flags = (posting.flags ?? []).join(' ');
      assert.match(flags, new RegExp(`(control-characters|invalid-unicode):[a-z.,]*\\b${field}\\b`), flags);
      await assertLoadable(posting);
    });
  }

  it('cleans without losing the words around a NUL', () => {
    const [posting] = parsePayload(
      'adzuna',
      adzuna({ title: 'Data\u0000 Engineer', company: { display_name: 'Ac\u0008me' } }),
      context,
    ).postings;
    assert.equal(posting!.title, 'Data Engineer');
    assert.equal(posting!.company, 'Acme');
    assert.deepEqual(posting!.flags, ['control-characters:title,company']);
  });

  it('a control cannot hide a tag from the stripper', () => {
    const [posting] = parsePayload(
      'adzuna',
      adzuna({
        title: 'Data <\u0000script>alert(1)</script>Engineer',
        description: '<\u0000img src=x onerror=alert(1)>SQL',
      }),
      context,
    ).postings;
    assert.equal(posting!.title, 'Data Engineer');
    assert.equal(posting!.description, 'SQL');
  });

  it('controls written as entities are removed with the markup, never quarantine the record', () => {
    const result = parsePayload(
      'adzuna',
      adzuna({ title: 'Data &#1;Engineer&#x1B;', description: '<&#1;img src=x onerror=alert(1)>SQL &#xD800; &#0;' }),
      context,
    );
    assert.deepEqual(result.rejects, []);
    const posting = result.postings[0]!;
    assertStorableText(posting);
    assert.equal(posting.title, 'Data Engineer');
    assert.doesNotMatch(posting.description, /<[A-Za-z/!?]/);
  });

  it('replaces a lone surrogate with U+FFFD and says so', () => {
    const [posting] = parsePayload('adzuna', adzuna({ title: 'Data Engineer \uD83D' }), context).postings;
    assert.equal(posting!.title, 'Data Engineer \uFFFD');
    assert.deepEqual(posting!.flags, ['invalid-unicode:title']);
  });

  it('keeps tab, line feed and well-formed pairs (emoji) as they are', () => {
    const [posting] = parsePayload('adzuna', adzuna({ description: 'Spark\tSQL\nAirflow 🚀' }), context).postings;
    assert.equal(posting!.description, 'Spark SQL\nAirflow 🚀');
    assert.equal(posting!.flags, undefined);
  });

  it('quarantines a record whose title is only control characters, with its reason', () => {
    const result = parsePayload('adzuna', adzuna({ title: '\u0000\u0001\u0002' }), context);
    assert.deepEqual(result.postings, []);
    assert.equal(result.rejects.length, 1);
    assert.match(result.rejects[0]!.reason, /title/);
    assert.doesNotMatch(result.rejects[0]!.reason, UNSTORABLE);
  });

  it('quarantines a record whose source id holds a control character or a lone surrogate', () => {
    for (const id of ['12\u00003', '\uD800', '7\u001B']) {
      const result: ParseResult = parsePayload('adzuna', adzuna({ id }), context);
      assert.deepEqual(result.postings, [], JSON.stringify(id));
      assert.match(result.rejects[0]!.reason, /source id/);
      assert.doesNotMatch(result.rejects[0]!.reason, UNSTORABLE);
    }
  });

  it('France Travail: salary, place, postal code and skills are cleaned too', async () => {
    const body = JSON.stringify({
      resultats: [
        {
          id: '200ABCD',
          intitule: 'Data Analyst',
          description: 'SQL',
          dateCreation: '2026-11-30T08:00:00Z',
          lieuTravail: { libelle: '75 - P\u0000aris', codePostal: '75\u0000015' },
          entreprise: { nom: 'B\uDFFFeta' },
          salaire: { libelle: 'Annuel de 40000\u0000 Euros' },
          competences: [{ libelle: 'S\u0000QL' }],
          origineOffre: { urlOrigine: 'https://example.fr/offre/1\u0007' },
        },
      ],
    });
    const result = parsePayload('francetravail', body, { ...context, source: 'francetravail' });
    assert.deepEqual(result.rejects, []);
    const posting = result.postings[0]!;
    assertStorableText(posting);
    assert.equal(posting.location.raw, '75 - Paris');
    assert.equal(posting.salary.raw, 'Annuel de 40000 Euros');
    await assertLoadable(posting);
  });

  it('JSON-LD: address and organization fields are cleaned too', async () => {
    const node = {
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      identifier: 'J1',
      url: 'https://jobs.example/1',
      title: 'Dev\u0000 Python',
      hiringOrganization: { name: 'Gam\uD800ma' },
      description: '<p>Python\u0000</p>',
      datePosted: '2026-11-30',
      jobLocation: {
        address: { addressLocality: 'Ly\u0000on', postalCode: '69\u0001003', addressCountry: 'F\u0000R' },
      },
    };
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(node)}</script></head></html>`;
    const result = parsePayload('jsonld', html, { ...context, source: 'jsonld' });
    assert.deepEqual(result.rejects, []);
    const posting = result.postings[0]!;
    assertStorableText(posting);
    assert.equal(posting.location.city, 'Lyon');
    await assertLoadable(posting);
  });
});
