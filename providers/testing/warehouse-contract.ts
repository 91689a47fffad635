/**
 * The contract every Warehouse passes. The factory must hand out an isolated namespace
 * (a fresh schema, dataset or database) and `dispose` must drop it: each run starts empty
 * and leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  ANALYTIC_QUERIES,
  hasErrorCode,
  postingContentHash,
  RunningDigest,
  type AnalyticQuery,
  type Posting,
  type Row,
  type Warehouse,
} from '../core/index.ts';
import { asAsync, makePostings } from './posting-fixtures.ts';

export interface WarehouseContractOptions {
  name: string;
  /** Builds a warehouse on a fresh, empty namespace. */
  make: () => Promise<Warehouse>;
  /** Closes it and drops the namespace. */
  dispose: (warehouse: Warehouse) => Promise<void>;
  /** Postings per load in the suite (default 120). */
  size?: number;
}

async function counts(warehouse: Warehouse): Promise<Record<string, number>> {
  const rows = await warehouse.query('table_counts');
  return Object.fromEntries(rows.map((r) => [String(r.table_name), Number(r.row_count)]));
}

function num(row: Row | undefined, column: string): number {
  const value = row?.[column];
  assert.equal(typeof value, 'number', `${column} should be a number, got ${JSON.stringify(value)}`);
  return value as number;
}

export function warehouseContract(options: WarehouseContractOptions): void {
  describe(`Warehouse contract: ${options.name}`, function () {
    this.timeout(120_000);
    let warehouse: Warehouse;
    const size = options.size ?? 120;
    const postings = makePostings(size);

    before(async function () {
      warehouse = await options.make();
      await warehouse.migrate();
    });

    after(async function () {
      if (warehouse) await options.dispose(warehouse);
    });

    it('migrates twice without error and starts empty', async function () {
      await warehouse.migrate();
      const c = await counts(warehouse);
      assert.equal(c.fact_posting, 0);
      assert.equal(c.load_audit, 0);
    });

    it('loads postings into the star schema', async function () {
      const info = await warehouse.load(asAsync(postings), { runId: 'contract-run-1', sourceKeys: ['clean/x.ndjson'] });
      assert.equal(info.received, size);
      assert.equal(info.inserted, size);
      assert.equal(info.updated + info.unchanged, 0);
      assert.match(info.checksum, /^[0-9a-f]{64}$/);
      const c = await counts(warehouse);
      assert.equal(c.fact_posting, size);
      assert.equal(c.dim_source, 1);
      assert.equal(c.dim_company, 4, 'four distinct non-null companies');
      assert.equal(c.dim_location, 4);
      assert.equal(c.dim_skill, new Set(postings.flatMap((p) => p.skills)).size);
      assert.equal(
        c.bridge_posting_skill,
        postings.reduce((n, p) => n + p.skills.length, 0),
      );
      assert.equal(c.dim_date, new Set(postings.map((p) => p.postedAt?.slice(0, 10))).size);
      assert.equal(c.load_audit, 1);
    });

    it('reloading the same run changes no counts', async function () {
      const before = await counts(warehouse);
      const info = await warehouse.load(asAsync(postings), { runId: 'contract-run-1' });
      assert.equal(info.inserted, 0);
      assert.equal(info.updated, 0);
      assert.equal(info.unchanged, size);
      assert.deepEqual(await counts(warehouse), before);
    });

    it('merges changed postings on id and replaces their skills', async function () {
      const changed: Posting[] = postings
        .slice(0, 10)
        .map((p) => ({ ...p, title: `${p.title} (updated)`, skills: ['rust'] }));
      const info = await warehouse.load(asAsync(changed), { runId: 'contract-run-2' });
      assert.equal(info.updated, 10);
      assert.equal(info.inserted, 0);
      const c = await counts(warehouse);
      assert.equal(c.fact_posting, size);
      const expectedBridge = postings.slice(10).reduce((n, p) => n + p.skills.length, 0) + 10;
      assert.equal(c.bridge_posting_skill, expectedBridge);
      assert.equal(c.load_audit, 2);
    });

    it('accepts an empty load', async function () {
      const info = await warehouse.load(asAsync([]), { runId: 'contract-empty' });
      assert.equal(info.received, 0);
      assert.equal(info.inserted, 0);
    });

    it('answers every analytic query with plain JS values', async function () {
      for (const name of ANALYTIC_QUERIES) {
        const rows = await warehouse.query(name, { limit: 5 });
        assert.ok(Array.isArray(rows), name);
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            assert.ok(
              value === null || ['string', 'number', 'boolean'].includes(typeof value),
              `${name}.${column} is ${typeof value}`,
            );
          }
        }
      }
    });

    it('computes the analytic figures from the loaded rows', async function () {
      assert.equal(num((await warehouse.query('posting_count'))[0], 'postings'), size);
      const topSkills = await warehouse.query('top_skills', { limit: 50 });
      const rust = topSkills.find((r) => r.skill === 'rust');
      assert.equal(num(rust, 'postings'), 10);
      const byDept = await warehouse.query('postings_by_departement');
      const corse = byDept.find((r) => r.departement === '2A');
      assert.equal(num(corse, 'postings'), postings.filter((p) => p.location.departement === '2A').length);
      const remote = await warehouse.query('remote_share');
      assert.equal(
        remote.reduce((n, r) => n + num(r, 'postings'), 0),
        size,
      );
      const seniority = await warehouse.query('salary_by_seniority');
      const senior = seniority.find((r) => r.seniority === 'senior');
      const seniorSalaries = postings.filter((p) => p.seniority === 'senior' && p.salary.minEurYear !== null);
      assert.equal(num(senior, 'with_salary'), seniorSalaries.length);
      const limited = await warehouse.query('top_companies', { limit: 2 });
      assert.equal(limited.length, 2);
    });

    it('answers the stored content hash of the ids asked, and nothing for unknown ids', async function () {
      const asked = [postings[0]!.id, postings[size - 1]!.id, 'no-such-posting-id'];
      const stored = await warehouse.fingerprints(asked);
      assert.deepEqual([...stored.keys()].sort(), asked.slice(0, 2).sort());
      // The merge test above changed the first 10 postings; the last one is as generated.
      assert.deepEqual(stored.get(postings[size - 1]!.id), [postingContentHash(postings[size - 1]!)]);
      assert.notDeepEqual(stored.get(postings[0]!.id), [postingContentHash(postings[0]!)]);
      for (const hashes of stored.values()) {
        assert.equal(hashes.length, 1);
        assert.match(hashes[0]!, /^[0-9a-f]{64}$/);
      }
      assert.equal((await warehouse.fingerprints([])).size, 0);
    });

    it('lists market postings with their skills, newest first', async function () {
      const rows = await warehouse.query('market_postings', { limit: 1000 });
      assert.equal(rows.length, size);
      const days = rows.map((r) => String(r.posted_day));
      assert.deepEqual(days, [...days].sort().reverse());
      // The merge test above replaced the skills of the first 10 postings with ['rust'].
      const expectedSkills = new Map(
        postings.map((p, i) => [p.id, (i < 10 ? ['rust'] : [...p.skills].sort()).join('|')]),
      );
      for (const row of rows) assert.equal(row.skills ?? '', expectedSkills.get(String(row.id)), String(row.id));
      assert.equal(typeof rows[0]!.salary_predicted, 'boolean');
    });

    it('reports billing, when it implements it, cumulatively: one more query job per query, nothing ever going down', async function () {
      // Optional: a backend billed by the hour (PostgreSQL) has nothing per job to report.
      if (!warehouse.billing) return;
      const before = await warehouse.billing();
      await warehouse.query('posting_count');
      const after = await warehouse.billing();
      assert.ok(after.source.length > 0, 'names where its figures come from');
      assert.equal(after.queryJobs, before.queryJobs + 1);
      assert.ok(after.loadJobs >= 1, 'the loads above ran load jobs');
      const counters = [
        'queryJobs',
        'bytesProcessed',
        'bytesBilled',
        'cacheHits',
        'jobsWithoutStatistics',
        'loadJobs',
        'loadInputBytes',
        'loadOutputBytes',
        'loadJobsWithoutStatistics',
      ] as const;
      for (const key of counters) {
        assert.ok(
          Number.isSafeInteger(after[key]) && after[key] >= 0,
          `${key} is a whole number ≥ 0, got ${after[key]}`,
        );
        assert.ok(after[key] >= before[key], `${key} never goes down`);
      }
      assert.ok(after.jobsWithoutStatistics <= after.queryJobs);
      assert.ok(after.cacheHits <= after.queryJobs);
      assert.ok(after.loadJobsWithoutStatistics <= after.loadJobs);
      assert.equal(
        Object.values(after.statementTypes).reduce((a, b) => a + b, 0),
        after.queryJobs,
        'every query job has a statement type',
      );
    });

    it('stores the content hash a caller already computed (contentHashOf), and computes the ones it does not give', async function () {
      const [given, computed] = makePostings(2, { source: 'prehashed' });
      // A hash the warehouse could not have computed itself: proof it took the one handed over.
      const handedOver = createHash('sha256').update('handed over by the caller').digest('hex');
      const info = await warehouse.load(asAsync([given!, computed!]), {
        runId: 'run-prehashed',
        contentHashOf: (posting) => (posting === given ? handedOver : undefined),
      });
      assert.equal(info.inserted, 2);
      const expected = new RunningDigest();
      expected.add(given!.id, handedOver);
      expected.add(computed!.id, postingContentHash(computed!));
      assert.equal(info.checksum, expected.hex());
      const stored = await warehouse.fingerprints([given!.id, computed!.id]);
      assert.deepEqual(stored.get(given!.id), [handedOver]);
      assert.deepEqual(stored.get(computed!.id), [postingContentHash(computed!)]);
    });

    it('rejects an unknown query name with invalid-request', async function () {
      await assert.rejects(warehouse.query('no_such_query' as AnalyticQuery), (error: unknown) =>
        hasErrorCode(error, 'invalid-request'),
      );
    });
  });
}
