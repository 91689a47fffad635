/**
 * The direct load (new postings COPYed into the final tables, references checked per
 * statement) against the staging merge it replaces for new rows: the same postings give
 * the same rows in every table, surrogate keys included, on PostgreSQL 15 and on PGlite;
 * and the statement-level checks catch what the foreign keys caught.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Posting } from '../core/index.ts';
import { openPglite } from '../local/pglite-client.ts';
import { asAsync, makePostings } from '../testing/posting-fixtures.ts';
import { needs } from '../../test/support/needs.ts';
import { openPgClient } from './pg-client.ts';
import { PostgresWarehouse } from './postgres-warehouse.ts';
import { quoteIdent, type SqlClient } from './sql-client.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** makePostings plus the shapes where typing in the client could differ from the SQL merge. */
function edgePostings(): Posting[] {
  const base = makePostings(120);
  const edit = (i: number, change: (p: Posting) => Posting) => {
    base[i] = change(base[i]!);
  };
  // Offsets that move the UTC day, seconds and fractions omitted or at microseconds.
  edit(1, (p) => ({ ...p, postedAt: '2026-11-30T23:30:00+02:00' }));
  edit(2, (p) => ({ ...p, postedAt: '2026-11-30T21:30:00.123456-05:00' }));
  edit(3, (p) => ({ ...p, postedAt: '2026-12-31T23:59Z' }));
  edit(4, (p) => ({ ...p, postedAt: null }));
  edit(14, (p) => ({ ...p, postedAt: '2026-11-30T24:00:00Z' }));
  // Location: all parts null (no key), an empty string part (a key), a missing lat.
  edit(5, (p) => ({
    ...p,
    location: {
      raw: null,
      city: null,
      postalCode: null,
      departement: null,
      region: null,
      country: null,
      lat: null,
      lon: null,
    },
  }));
  edit(6, (p) => ({ ...p, location: { ...p.location, city: '', postalCode: null, lat: 0.1 + 0.2 } }));
  // Duplicates: present, JSON null, absent; text needing CSV quoting; a repeated skill.
  edit(7, (p) => ({ ...p, duplicates: [{ source: 'other', sourceId: 'x,"1"', url: null }] }));
  edit(8, (p) => ({ ...p, duplicates: null as unknown as Posting['duplicates'] }));
  edit(9, (p) => ({ ...p, title: 'Line one\nline "two"\r\n\\N, \\.', description: '' }));
  edit(10, (p) => ({ ...p, skills: ['sql', 'python', 'sql', 'rust'] }));
  edit(11, (p) => ({ ...p, salary: { ...p.salary, predicted: null as unknown as boolean, minEurYear: 1e21 } }));
  edit(12, (p) => ({ ...p, company: 'Zèbre & Cie', source: 'other' }));
  // Postings of one location disagreeing on its coordinates: the same one must be kept.
  edit(13, (p) => ({ ...p, location: { ...p.location, lat: 41.5, lon: 8.5 } }));
  edit(17, (p) => ({ ...p, location: { ...p.location, lat: null, lon: null } }));
  return base;
}

/** Every table's rows, ordered, as text: what "the same warehouse content" means here. */
async function content(client: SqlClient, schema: string): Promise<Record<string, string[]>> {
  const s = quoteIdent(schema);
  const out: Record<string, string[]> = {};
  for (const table of [
    'dim_source',
    'dim_company',
    'dim_location',
    'dim_date',
    'dim_skill',
    'fact_posting',
    'bridge_posting_skill',
  ]) {
    const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${s}.${table} t ORDER BY 1`);
    out[table] = rows.rows.map((r) => r.row);
  }
  return out;
}

interface Target {
  name: string;
  open: () => Promise<SqlClient>;
  skip?: (ctx: Mocha.Context) => void;
}

const targets: Target[] = [
  {
    name: 'PostgreSQL 15 (127.0.0.1:5432)',
    open: async () => openPgClient({ connectionString: PG_URL, tls: false }),
    skip: (ctx) => needs(ctx, 'postgres'),
  },
  { name: 'PGlite', open: () => openPglite('memory://') },
];

for (const target of targets) {
  describe(`PostgresWarehouse direct load (${target.name})`, function () {
    this.timeout(120_000);
    let client: SqlClient;
    const schemas: string[] = [];

    before(async function () {
      target.skip?.(this);
      client = await target.open();
    });
    after(async function () {
      if (!client) return;
      for (const schema of schemas) await client.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await client.close();
    });

    async function warehouse(direct: boolean): Promise<{ w: PostgresWarehouse; schema: string }> {
      const schema = `direct_${randomUUID().slice(0, 8)}`;
      schemas.push(schema);
      // One merge at a time, so surrogate keys are handed out in the same order on both paths.
      const w = new PostgresWarehouse({ provider: 'test', client, schema, batchSize: 25, mergeConcurrency: 1, direct });
      await w.migrate();
      return { w, schema };
    }

    it('stores the same rows in every table as the staging merge, after a first load, a changed load and a rerun', async function () {
      const direct = await warehouse(true);
      const staged = await warehouse(false);
      const postings = edgePostings();
      const changed = postings.map((p, i) =>
        i % 4 === 0 ? { ...p, title: `${p.title} (edited)`, skills: [...p.skills, 'kotlin'], company: 'Nouvelle' } : p,
      );
      const more = [...changed, ...makePostings(30, { source: 'late' })];
      for (const [run, input] of [
        ['r1', postings],
        ['r2', changed],
        ['r3', more],
        ['r3', more],
      ] as const) {
        const a = await direct.w.load(asAsync(input), { runId: run });
        const b = await staged.w.load(asAsync(input), { runId: run });
        assert.deepEqual([a.inserted, a.updated, a.unchanged], [b.inserted, b.updated, b.unchanged], run);
        assert.deepEqual(await content(client, direct.schema), await content(client, staged.schema), run);
      }
      const final = await content(client, direct.schema);
      assert.equal(final.fact_posting!.length, 150);
      assert.ok(final.fact_posting!.some((row) => row.includes('(edited)')));
    });

    it('catches a dangling bridge row, in a COPY as in an INSERT, and keeps nothing of its statement', async function () {
      const { w, schema } = await warehouse(true);
      await w.load(asAsync(makePostings(10)), { runId: 'r1' });
      const s = quoteIdent(schema);
      const before = await content(client, schema);
      const skill = (await client.query<{ k: number }>(`SELECT min(skill_key) AS k FROM ${s}.dim_skill`)).rows[0]!.k;
      const code = (error: unknown) => (error as { code?: string }).code;
      await assert.rejects(
        client.query(`INSERT INTO ${s}.bridge_posting_skill VALUES ('no-such-posting', $1)`, [skill]),
        (error) => code(error) === '23503',
      );
      await assert.rejects(
        client.transaction(async (tx) => {
          await tx.query(`SET LOCAL search_path TO ${s}`);
          await tx.copyCsv('bridge_posting_skill', ['posting_id', 'skill_key'], `"sample-000001",999999\n`);
        }),
        (error) => code(error) === '23503',
      );
      await assert.rejects(
        client.query(`UPDATE ${s}.fact_posting SET company_key = -1 WHERE posting_id = 'sample-000001'`),
        (error) => code(error) === '23503',
      );
      await assert.rejects(
        client.query(`DELETE FROM ${s}.dim_skill WHERE skill_key = $1`, [skill]),
        (error) => code(error) === '23503',
      );
      assert.deepEqual(await content(client, schema), before, 'each failing statement left nothing behind');
    });

    it('deletes a posting’s skills with the posting, as ON DELETE CASCADE did', async function () {
      const { w, schema } = await warehouse(true);
      await w.load(asAsync(makePostings(10)), { runId: 'r1' });
      const s = quoteIdent(schema);
      const skills = async () =>
        Number(
          (
            await client.query<{ n: string }>(
              `SELECT count(*) AS n FROM ${s}.bridge_posting_skill WHERE posting_id = 'sample-000003'`,
            )
          ).rows[0]!.n,
        );
      assert.ok((await skills()) > 0);
      await client.query(`DELETE FROM ${s}.fact_posting WHERE posting_id = 'sample-000003'`);
      assert.equal(await skills(), 0);
    });
  });
}

describe('PostgresWarehouse migration of a schema with foreign keys (PostgreSQL 15)', function () {
  this.timeout(60_000);
  it('drops the version 1 foreign keys for the statement checks and keeps the rows', async function () {
    needs(this, 'postgres');
    const client = openPgClient({ connectionString: PG_URL, tls: false });
    const schema = `direct_v1_${randomUUID().slice(0, 8)}`;
    const s = quoteIdent(schema);
    try {
      const w = new PostgresWarehouse({ provider: 'test', client, schema });
      await w.migrate();
      await w.load(asAsync(makePostings(10)), { runId: 'r1' });
      // The foreign keys of schema version 1, as its CREATE TABLE declared them.
      await client.exec(`
        ALTER TABLE ${s}.fact_posting ADD FOREIGN KEY (source_key) REFERENCES ${s}.dim_source (source_key),
          ADD FOREIGN KEY (company_key) REFERENCES ${s}.dim_company (company_key),
          ADD FOREIGN KEY (location_key) REFERENCES ${s}.dim_location (location_key),
          ADD FOREIGN KEY (posted_date_key) REFERENCES ${s}.dim_date (date_key);
        ALTER TABLE ${s}.bridge_posting_skill
          ADD FOREIGN KEY (posting_id) REFERENCES ${s}.fact_posting (posting_id) ON DELETE CASCADE,
          ADD FOREIGN KEY (skill_key) REFERENCES ${s}.dim_skill (skill_key);`);
      const foreignKeys = async () =>
        Number(
          (
            await client.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = $1::regnamespace`,
              [schema],
            )
          ).rows[0]!.n,
        );
      assert.equal(await foreignKeys(), 6);
      const before = await content(client, schema);
      await w.migrate();
      assert.equal(await foreignKeys(), 0);
      assert.deepEqual(await content(client, schema), before);
      await assert.rejects(
        client.query(`INSERT INTO ${s}.bridge_posting_skill VALUES ('no-such-posting', 1)`),
        (error) => (error as { code?: string }).code === '23503',
      );
    } finally {
      await client.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.close();
    }
  });
});
