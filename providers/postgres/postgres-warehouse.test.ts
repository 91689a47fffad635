import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { postingContentHash } from '../core/index.ts';
import { asAsync, makePostings } from '../testing/posting-fixtures.ts';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { openPgClient } from './pg-client.ts';
import { PostgresWarehouse } from './postgres-warehouse.ts';
import { quoteIdent, type SqlClient } from './sql-client.ts';

describe('PostgresWarehouse batches (local PostgreSQL)', function () {
  this.timeout(60_000);
  let warehouse: PostgresWarehouse;
  let schema: string;
  before(function () {
    needs(this, 'emulators');
  });
  beforeEach(async function () {
    schema = `whbatch_${randomUUID().slice(0, 8)}`;
    const client = openPgClient({ connectionString: emulatorEnv('aws').JOBBENCH_AWS_DATABASE_URL!, tls: false });
    // Small batches: several merges overlap with the reading of the next batch.
    warehouse = new PostgresWarehouse({
      provider: 'test',
      client,
      schema,
      batchSize: 7,
      onClose: () => client.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`),
    });
    await warehouse.migrate();
  });
  afterEach(async function () {
    await warehouse?.close();
  });

  const factRows = async () => Number((await warehouse.query('posting_count'))[0]?.postings);

  it('reloads unchanged batches as unchanged and still merges the one batch that changed', async function () {
    const postings = makePostings(30);
    const first = await warehouse.load(asAsync(postings), { runId: 'r1' });
    assert.deepEqual([first.inserted, first.updated, first.unchanged, first.batches], [30, 0, 0, 5]);
    const edited = postings.map((p, i) => (i === 20 ? { ...p, title: `${p.title} (edited)`, skills: ['sql'] } : p));
    const second = await warehouse.load(asAsync(edited), { runId: 'r2' });
    assert.deepEqual([second.inserted, second.updated, second.unchanged], [0, 1, 29]);
    assert.equal(second.checksum === first.checksum, false);
    assert.equal(await factRows(), 30);
    const rows = await warehouse.query('market_postings', { limit: 100 });
    const row = rows.find((r) => r.id === postings[20]!.id);
    assert.equal(row?.skills, 'sql', 'the edited posting was merged, its skills replaced');
  });

  it('merges a batch that repeats an id with different content even if one copy is stored', async function () {
    const postings = makePostings(3);
    await warehouse.load(asAsync(postings), { runId: 'r1' });
    const newer = { ...postings[0]!, title: 'Newer title', collectedAt: '2099-01-01T00:00:00.000Z' };
    const info = await warehouse.load(asAsync([postings[0]!, newer, postings[1]!, postings[2]!]), { runId: 'r2' });
    assert.deepEqual([info.inserted, info.updated, info.unchanged], [0, 1, 2]);
  });

  it('surfaces a failing source after the in-flight merge and keeps what was merged', async function () {
    const postings = makePostings(20);
    async function* failing() {
      yield* postings.slice(0, 15);
      throw new Error('source broke');
    }
    await assert.rejects(warehouse.load(failing(), { runId: 'r1' }), /source broke/);
    assert.equal(await factRows(), 14); // two full batches of 7 were merged, the third never flushed
  });

  it('merges batches concurrently yet lets the later copy of an id in a later batch win', async function () {
    // Batches of 7: the first two both hold postings[3]; they must not merge at once (the
    // second waits), and the second's copy is the one stored. Every batch brings new
    // companies and skills, which concurrent merges insert into the same dimensions.
    const postings = makePostings(21).map((p, i) => ({
      ...p,
      company: `Company ${i % 5}`,
      skills: [`skill-${i % 4}`, 'sql'],
    }));
    const later = { ...postings[3]!, title: 'Later copy', collectedAt: '2099-01-01T00:00:00.000Z' };
    // The same schema through a client that records when each merge transaction ran and
    // whether it copied the shared id.
    const merges: { start: number; end: number; shared: boolean }[] = [];
    const client = openPgClient({ connectionString: emulatorEnv('aws').JOBBENCH_AWS_DATABASE_URL!, tls: false });
    const recording: SqlClient = {
      query: (sql, params) => client.query(sql, params),
      exec: (sql) => client.exec(sql),
      copyCsv: (table, columns, csv) => client.copyCsv(table, columns, csv),
      close: () => client.close(),
      transaction: async (fn) => {
        const merge = { start: performance.now(), end: Number.POSITIVE_INFINITY, shared: false };
        merges.push(merge);
        try {
          return await client.transaction((tx) =>
            fn({
              query: (sql, params) => tx.query(sql, params),
              exec: (sql) => tx.exec(sql),
              transaction: (inner) => tx.transaction(inner),
              close: () => tx.close(),
              copyCsv: (table, columns, csv) => {
                const text = typeof csv === 'string' ? csv : Buffer.concat(csv).toString('utf8');
                if (text.includes(later.id)) merge.shared = true;
                return tx.copyCsv(table, columns, csv);
              },
            }),
          );
        } finally {
          merge.end = performance.now();
        }
      },
    };
    const concurrent = new PostgresWarehouse({ provider: 'test', client: recording, schema, batchSize: 7 });
    const info = await concurrent.load(asAsync([...postings.slice(0, 7), later, ...postings.slice(7)]), {
      runId: 'r1',
    });
    await concurrent.close();
    const overlap = (a: (typeof merges)[number], b: (typeof merges)[number]) => a.start < b.end && b.start < a.end;
    assert.ok(
      merges.some((a, i) => merges.slice(i + 1).some((b) => overlap(a, b))),
      'some merges ran at once',
    );
    const sharing = merges.filter((m) => m.shared);
    assert.equal(sharing.length, 2, 'two batches hold the shared id');
    assert.ok(!overlap(sharing[0]!, sharing[1]!), 'the batches sharing an id did not merge at once');
    assert.equal(info.batches, 4);
    assert.equal(info.inserted + info.updated, 22);
    assert.equal(await factRows(), 21);
    const fingerprints = await warehouse.fingerprints(postings.map((p) => p.id));
    assert.equal(fingerprints.size, 21);
    assert.deepEqual(fingerprints.get(later.id), [postingContentHash(later)], 'the later copy is stored');
  });

  it('surfaces a failing merge after the other merges in flight settle', async function () {
    const postings = makePostings(21);
    const broken = { ...postings[10]!, postedAt: 'not a date' } as unknown as (typeof postings)[number]; // the cast in SQL fails
    await assert.rejects(
      warehouse.load(asAsync([...postings.slice(0, 10), broken, ...postings.slice(11)]), { runId: 'r1' }),
      (error: Error) => /timestamp|date|time/i.test(error.message),
    );
    const stored = await factRows();
    assert.ok(stored === 7 || stored === 14, `whole batches only: ${stored}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await factRows(), stored, 'no merge was still running when the load failed');
  });
});
