/**
 * What the job-market dashboard reads: the warehouse's analytic query answers after a
 * run, stored next to the results (`results/market/<runId>.json`, `market-latest.json`)
 * so dashboards rebuild without a warehouse connection.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const marketSnapshotSchema = z.object({
  snapshotVersion: z.literal(1),
  runId: z.string(),
  /** Provider whose warehouse answered. */
  provider: z.string(),
  generatedAt: z.iso.datetime({ offset: true }),
  /** Answer of each named analytic query (see providers/core/warehouse.ts), row objects. */
  queries: z.record(z.string(), z.array(z.record(z.string(), cell))),
});
export type MarketSnapshot = z.infer<typeof marketSnapshotSchema>;

export async function writeMarketSnapshot(snapshot: MarketSnapshot, resultsDir: string): Promise<string> {
  marketSnapshotSchema.parse(snapshot);
  const dir = path.join(resultsDir, 'market');
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(snapshot)}\n`;
  const file = path.join(dir, `${snapshot.runId}.json`);
  for (const target of [file, path.join(resultsDir, 'market-latest.json')]) {
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, target);
  }
  return file;
}

export async function readMarketSnapshot(file: string): Promise<MarketSnapshot> {
  return marketSnapshotSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}
