import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FsObjectStore } from '../../../providers/local/fs-object-store.ts';
import { postingSchema, type Posting } from '../../../providers/core/index.ts';
import { ConfigurationError } from '../../errors.ts';
import { dedupePostings } from '../../stages/transform/dedupe.ts';
import { parsePayload } from '../../stages/transform/parsers/parse-payload.ts';
import type { Reject } from '../../stages/transform/parsers/parse-result.ts';
import type { RawPage, SourceContext } from '../source.ts';
import { BROKEN_BLOCK_SHARE, createSampleSource, sampleLayout } from './index.ts';
import { DEFECT_RATE } from './job-spec.ts';

const NOW = new Date('2026-11-28T10:00:00.000Z');

describe('sample source', () => {
  let dir: string;
  let context: SourceContext;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'jobbench-sample-'));
    context = {
      runId: 'test',
      now: () => NOW,
      env: {},
      store: new FsObjectStore(dir),
      resumeCursor: null,
      log: () => {},
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const collect = async (scale: number, seed: number, resumeCursor: string | null = null): Promise<RawPage[]> => {
    const pages: RawPage[] = [];
    for await (const page of createSampleSource({ scale, seed, now: () => NOW }).pages({ ...context, resumeCursor }))
      pages.push(page);
    return pages;
  };

  it('is a source named "sample" that needs no environment', () => {
    const source = createSampleSource({ scale: 10, seed: 1 });
    assert.equal(source.name, 'sample');
    assert.deepEqual(source.requiredEnv, []);
  });

  it('lays records out as Adzuna, France Travail and JSON-LD pages, about 40/40/20', async () => {
    const pages = await collect(1000, 7);
    const layout = sampleLayout(1000);
    assert.deepEqual([layout.adzuna, layout.francetravail, layout.jsonld], [400, 400, 200]);
    const formats = pages.map((p) => `${p.format}.${p.ext}`);
    assert.equal(formats.filter((f) => f === 'adzuna.json').length, 8);
    assert.equal(formats.filter((f) => f === 'francetravail.json').length, 3);
    assert.equal(formats.filter((f) => f === 'jsonld.html').length, layout.jsonldPages);
    assert.deepEqual(
      pages.map((p) => p.cursor),
      pages.map((_, i) => String(i)),
    );
    for (const p of pages) {
      assert.equal(p.status, 200);
      assert.equal(p.fetchedAt, NOW.toISOString());
      assert.match(p.url ?? '', /^https:\/\//);
    }
    assert.equal((JSON.parse(pages[0]!.body) as { results: unknown[] }).results.length, 50);
    assert.equal((JSON.parse(pages[8]!.body) as { resultats: unknown[] }).resultats.length, 150);
  });

  it('gives byte-identical pages for the same seed and scale, different ones for another seed', async () => {
    const a = await collect(600, 42);
    const b = await collect(600, 42);
    assert.deepEqual(
      a.map((p) => p.body),
      b.map((p) => p.body),
    );
    const c = await collect(600, 43);
    assert.notEqual(a[0]!.body, c[0]!.body);
  });

  it('resumes right after the cursor with the same pages', async () => {
    const all = await collect(400, 5);
    const resumed = await collect(400, 5, '3');
    assert.deepEqual(
      resumed.map((p) => p.cursor),
      all.slice(4).map((p) => p.cursor),
    );
    assert.deepEqual(
      resumed.map((p) => p.body),
      all.slice(4).map((p) => p.body),
    );
    assert.deepEqual(await collect(400, 5, String(all.length - 1)), []);
  });

  it('refuses a bad cursor, scale or seed with a configuration error', async () => {
    await assert.rejects(collect(10, 1, 'page-3'), ConfigurationError);
    assert.throws(() => createSampleSource({ scale: -1, seed: 1 }), ConfigurationError);
    assert.throws(() => createSampleSource({ scale: 10, seed: 1.5 }), ConfigurationError);
    assert.deepEqual(await collect(0, 1), []);
  });

  describe('round trip through the transform', () => {
    const postings: Posting[] = [];
    const rejects: Reject[] = [];
    const SCALE = 3000;
    before(async () => {
      for (const page of await collect(SCALE, 11)) {
        const result = parsePayload(page.format, page.body, {
          source: 'sample',
          rawKey: `raw/${page.cursor}`,
          collectedAt: page.fetchedAt,
          pageUrl: page.url,
        });
        postings.push(...result.postings);
        rejects.push(...result.rejects);
      }
    });

    it('rejects no more than the planted malformed share, and some', () => {
      // At most every planted defect and every broken block rejected (in fact only some defects reject).
      const limit = SCALE * (DEFECT_RATE + BROKEN_BLOCK_SHARE);
      assert.ok(rejects.length > 0, 'the quarantine is exercised');
      assert.ok(rejects.length <= limit, `${rejects.length} rejects > ${limit}`);
      assert.equal(postings.length + rejects.filter((r) => r.index !== null).length, SCALE);
      for (const r of rejects)
        assert.match(
          r.reason,
          r.index === null
            ? /^JSON-LD block \d+ is not valid JSON/
            : /^(missing title( \(only markup or control characters\))?|missing source id)$/,
        );
    });

    it('produces valid postings with unique ids, in the last 60 days, mostly in Île-de-France', () => {
      for (const p of postings) assert.ok(postingSchema.safeParse(p).success);
      assert.equal(new Set(postings.map((p) => p.id)).size, postings.length);
      const ages = postings
        .filter((p) => p.postedAt)
        .map((p) => (NOW.getTime() - Date.parse(p.postedAt!)) / 86_400_000);
      assert.ok(ages.length > postings.length * 0.97);
      assert.ok(
        ages.every((a) => a >= 0 && a <= 64),
        'within ~60 days (cross-posted copies up to 3 days earlier)',
      );
      const idf = postings.filter((p) => p.location.region === 'Île-de-France').length / postings.length;
      assert.ok(idf > 0.4 && idf < 0.75, `IDF share ${idf}`);
      for (const dep of ['2A', '974'])
        assert.ok(
          postings.some((p) => p.location.departement === dep),
          dep,
        );
    });

    it('has CDI dominant, the other contracts present and skills everywhere', () => {
      const count = (c: string) => postings.filter((p) => p.contractType === c).length;
      assert.ok(count('permanent') > postings.length * 0.45);
      for (const c of ['fixed-term', 'internship', 'apprenticeship', 'freelance', 'temporary'])
        assert.ok(count(c) > 0, c);
      assert.ok(postings.filter((p) => p.skills.length > 0).length > postings.length * 0.97);
      const engineers = postings.filter((p) => /\bdata engineer\b|ingénieur data\b(?! science)/i.test(p.title));
      assert.ok(engineers.length > 100);
      assert.ok(
        engineers.filter((p) => p.skills.includes('sql')).length > engineers.length * 0.9,
        'skills follow the title',
      );
    });

    it('yields annual salaries calibrated on the survey', () => {
      const annual = postings
        .filter((p) => p.contractType === 'permanent' && p.salary.minEurYear !== null && p.salary.maxEurYear !== null)
        .map((p) => (p.salary.minEurYear! + p.salary.maxEurYear!) / 2)
        .sort((a, b) => a - b);
      const median = annual[Math.floor(annual.length / 2)]!;
      assert.ok(median > 45_000 && median < 70_000, `median ${median}`);
    });

    it('plants cross-source copies that the dedupe merges', () => {
      const result = dedupePostings(postings);
      assert.ok(result.merged >= SCALE * 0.01, `merged ${result.merged}`);
      assert.ok(result.kept.some((p) => (p.duplicates ?? []).some((d) => d.sourceId.startsWith('adzuna:'))));
    });
  });
});
