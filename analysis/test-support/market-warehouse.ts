/**
 * A small real warehouse for the analysis tests: an in-memory PGlite loaded with the
 * contract suite's fixture postings, answering the same `market_postings` query as
 * every provider.
 */
import type { Row } from '../../providers/core/index.ts';
import { openPglite } from '../../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../../providers/postgres/postgres-warehouse.ts';
import { asAsync, makePostings } from '../../providers/testing/posting-fixtures.ts';

/** Loads `count` fixture postings and returns their `market_postings` rows. */
export async function fixtureMarketRows(count: number): Promise<Row[]> {
  const client = await openPglite('memory://');
  const warehouse = new PostgresWarehouse({ provider: 'local', client, schema: 'jobbench' });
  try {
    await warehouse.migrate();
    await warehouse.load(asAsync(makePostings(count)), { runId: 'analysis-fixture' });
    return await warehouse.query('market_postings', { limit: 1_000_000 });
  } finally {
    await warehouse.close();
  }
}
