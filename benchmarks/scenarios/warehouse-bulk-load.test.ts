/**
 * The bulk-load scenario must do the same work on every warehouse: on PostgreSQL that
 * means a COPY into the staging table and the merge statements in every repetition, not
 * the "all rows already stored" shortcut a plain reload would take. The statements are
 * recorded on their way to a real PGlite database.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postingContentHash, type Provider } from '../../providers/core/index.ts';
import { LOCAL_CAPABILITIES } from '../../providers/local/capabilities.ts';
import { FsObjectStore } from '../../providers/local/fs-object-store.ts';
import { openPglite } from '../../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../../providers/postgres/postgres-warehouse.ts';
import type { SqlClient } from '../../providers/postgres/sql-client.ts';
import { asAsync, makePostings } from '../../providers/testing/posting-fixtures.ts';
import { runScenarioMatrix } from './run-scenarios.ts';
import { DEFAULT_SCENARIO_SETTINGS } from './scenario.ts';
import { BULK_LOAD_MARK, warehouseBulkLoad } from './warehouse-bulk-load.ts';

/** Passes every call to the real client and notes which kind of statement it was. */
function recording(client: SqlClient, log: string[]): SqlClient {
  return {
    query: (sql, params) => {
      if (/^\s*INSERT INTO \S+\.fact_posting/i.test(sql)) log.push('merge-facts');
      return client.query(sql, params);
    },
    exec: (sql) => client.exec(sql),
    copyCsv: (table, columns, csv) => {
      log.push('copy');
      return client.copyCsv(table, columns, csv);
    },
    transaction: (fn) => client.transaction((tx) => fn(recording(tx, log))),
    close: () => client.close(),
  };
}

describe('warehouse.load.bulk scenario on PostgreSQL', function () {
  this.timeout(120_000);
  let dir: string;
  let provider: Provider;
  let warehouse: PostgresWarehouse;
  const log: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-bulk-load-'));
    const client = recording(await openPglite(path.join(dir, 'warehouse')), log);
    warehouse = new PostgresWarehouse({ provider: 'local', client, schema: 'bulk_test' });
    await warehouse.migrate();
    provider = {
      name: 'local',
      region: 'local',
      emulated: true,
      endpointFingerprint: 'test',
      capabilities: LOCAL_CAPABILITIES,
      store: new FsObjectStore(path.join(dir, 'lake')),
      warehouse,
      prices: null,
      close: () => warehouse.close(),
    };
  });
  after(async () => {
    await provider.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stages and merges every row in every repetition, and leaves the warehouse as it found it', async function () {
    const postings = makePostings(40);
    await warehouse.load(asAsync(postings), { runId: 'pipeline-run' });
    // A plain reload takes the shortcut: no COPY, no merge (what the scenario must avoid).
    log.length = 0;
    await warehouse.load(asAsync(postings), { runId: 'pipeline-run' });
    assert.deepEqual(log, [], 'an identical reload skips COPY and merge');

    const repetitions = 4;
    const settings = { ...DEFAULT_SCENARIO_SETTINGS, repetitions, targetRatePerSec: null };
    const results = (
      await runScenarioMatrix([{ provider, scenarios: [warehouseBulkLoad(postings, 'bench-run')] }], {
        runId: 'bench-run',
        settings,
      })
    ).get('local')!;
    const [bulk] = results;
    assert.equal(bulk!.status, 'ok');
    assert.equal(bulk!.ops, repetitions);
    // Warm-up + 4 repetitions (marked, original, marked, original, marked), then cleanup puts the originals back.
    const loads = 1 + repetitions + 1;
    assert.equal(log.filter((e) => e === 'copy').length, loads, 'one COPY per load');
    assert.equal(log.filter((e) => e === 'merge-facts').length, loads, 'one fact merge per load');

    const [count] = await warehouse.query('posting_count');
    assert.equal(Number(count!.postings), 40, 'no row added');
    const stored = await warehouse.fingerprints(postings.map((p) => p.id));
    // Every stored row has the pipeline's content again (a marked description hashes differently).
    for (const posting of postings) assert.deepEqual(stored.get(posting.id), [postingContentHash(posting)]);
    const marked = { ...postings[0]!, description: postings[0]!.description + BULK_LOAD_MARK };
    assert.notEqual(postingContentHash(marked), postingContentHash(postings[0]!));
  });
});
