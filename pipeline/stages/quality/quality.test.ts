import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makePostings } from '../../../providers/testing/posting-fixtures.ts';
import type { Posting } from '../../../providers/core/index.ts';
import { parsePayload } from '../transform/parsers/parse-payload.ts';
import { plainText, QualityTally, qualityReport, rawQualityReport } from './quality.ts';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const fixture = (name: string) =>
  readFileSync(new URL(`../transform/parsers/fixtures/${name}`, import.meta.url), 'utf8');

describe('qualityReport', () => {
  it('measures completeness, validity, uniqueness and freshness of clean postings', () => {
    const postings = makePostings(12);
    const report = qualityReport(postings, { now: NOW });
    assert.equal(report.total, 12);
    assert.equal(report.stage, 'clean');
    // makePostings: company null when i % 7 === 0 (i = 0, 7), salary unknown when i % 3 === 0.
    assert.equal(report.completeness.company, Math.round((10 / 12) * 10_000) / 10_000);
    assert.equal(report.completeness.salary, Math.round((8 / 12) * 10_000) / 10_000);
    assert.equal(report.completeness.departement, 1);
    assert.equal(report.validity.schemaValid, 1);
    assert.equal(report.validity.invalidRegion, 0);
    assert.equal(report.uniqueness.duplicateIds, 0);
    // postedAt 2026-11-01..12 at 09:00 → ages 16.1 to 27.1 days on 2026-11-28 12:00.
    assert.equal(report.freshness.maxAgeDays, 27.1);
    assert.equal(report.freshness.shareOlderThan60Days, 0);
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'plain JSON');
  });

  it('counts invalid values, duplicates, stale and future postings', () => {
    const [a, b, c] = makePostings(3) as [Posting, Posting, Posting];
    const records: unknown[] = [
      { ...a, salary: { ...a.salary, minEurYear: 90000, maxEurYear: 50000 }, postedAt: '2026-08-01T00:00:00.000Z' },
      {
        ...b,
        contractType: 'CDI',
        location: { ...b.location, departement: '20', region: 'Ile-de-France' },
        title: 'Data <b>Engineer</b>',
        skills: ['Python'],
      },
      { ...c, salary: { ...c.salary, minEurYear: 12, maxEurYear: 12 }, postedAt: '2026-12-25T00:00:00.000Z' },
      { ...c, postedAt: 'hier' },
    ];
    const r = qualityReport(records, { now: NOW });
    assert.equal(r.validity.salaryMinAboveMax, 1);
    assert.equal(r.validity.salaryOutOfBounds, 1);
    assert.equal(r.validity.invalidEnum.contractType, 1);
    assert.equal(r.validity.invalidDepartement, 1);
    assert.equal(r.validity.invalidRegion, 1);
    assert.equal(r.validity.htmlInText, 1);
    assert.equal(r.validity.unknownSkills, 1);
    assert.equal(r.validity.invalidPostedAt, 1);
    assert.equal(r.validity.schemaValid, 0.5); // min > max and a tiny salary still pass the schema; "hier" and "CDI" do not
    assert.equal(r.uniqueness.duplicateIds, 1);
    assert.equal(r.uniqueness.duplicateContent, 1);
    assert.equal(r.freshness.futureDated, 1);
    assert.equal(r.freshness.shareOlderThan60Days, 0.5);
  });

  it('has nulls, not zeros, for an empty set', () => {
    const r = qualityReport([], { now: NOW });
    assert.equal(r.total, 0);
    assert.equal(r.completeness.company, null);
    assert.equal(r.freshness.medianAgeDays, null);
  });

  it('shows what cleaning buys: raw payloads versus their clean postings', () => {
    const payloads = [
      { format: 'adzuna' as const, body: fixture('adzuna-search.json') },
      { format: 'francetravail' as const, body: fixture('francetravail-search.json') },
      { format: 'jsonld' as const, body: fixture('jsonld-graph.html') },
    ];
    const raw = rawQualityReport(payloads, { now: NOW });
    const clean = qualityReport(
      payloads.flatMap(
        (p) =>
          parsePayload(p.format, p.body, { source: p.format, rawKey: 'k', collectedAt: NOW.toISOString() }).postings,
      ),
      { now: NOW },
    );
    assert.equal(raw.stage, 'raw');
    assert.equal(raw.total, 11);
    assert.equal(clean.total, 9);
    assert.equal(raw.completeness.departement, 0);
    assert.ok((clean.completeness.departement ?? 0) > 0.8);
    assert.ok(raw.validity.invalidEnum.contractType > 0);
    assert.equal(clean.validity.invalidEnum.contractType, 0);
    assert.ok(raw.validity.htmlInText > 0);
    assert.equal(clean.validity.htmlInText, 0);
    assert.ok((raw.validity.schemaValid ?? 1) < 0.5);
    assert.equal(clean.validity.schemaValid, 1);
    assert.deepEqual(Object.keys(raw), Object.keys(clean), 'same shape at both stages');
  });
});

describe('QualityTally', () => {
  // Every way a string can hold U+FFFD or an unstorable character, and look-alikes that
  // hold none (a backslash followed by letters, tab, line feed, quotes, emoji).
  const texts = [
    'Data \u0000Engineer',
    'CR\r',
    'back\bspace',
    'form\ffeed',
    'esc\u001b[31m',
    'del\u007f',
    'lone \ud800 high',
    'lone \udc00 low',
    'bad \ufffd byte',
    'plain énergie 🚀',
    'tab\tand\nline',
    'C:\\bin\\file "quoted" a/b',
    'not an escape: \\u0000 \\r',
  ];

  it('gives the same figures given each record with its JSON line, and tells which lines are plain', () => {
    const base = makePostings(texts.length);
    const records = base.map((p, i) => ({ ...p, description: texts[i]!, location: { ...p.location, raw: texts[i]! } }));
    const tally = new QualityTally({ now: NOW });
    for (const record of records) tally.add(record, Buffer.from(JSON.stringify(record)));
    const report = tally.report();
    assert.deepEqual(report, qualityReport(records, { now: NOW }));
    assert.equal(report.validity.unstorableCharacters, 8);
    assert.equal(report.validity.replacementCharacters, 1);
    const plain = texts.map((t) => plainText(Buffer.from(JSON.stringify({ t }))));
    assert.deepEqual(plain, [false, false, false, false, false, false, false, false, false, true, true, true, true]);
  });

  it('gives figures that do not depend on the order of the records', () => {
    const [a, b] = makePostings(2) as [Posting, Posting];
    const records = [a, b, a, { ...b, id: 'other' }, { ...a, postedAt: 'yesterday' }];
    const forward = qualityReport(records, { now: NOW });
    assert.deepEqual(qualityReport([...records].reverse(), { now: NOW }), forward);
    assert.equal(forward.uniqueness.duplicateIds, 2);
  });
});
