/**
 * What the job-market dashboard reads: the warehouse's analytic query answers after a
 * run, stored next to the results (`results/market/<runId>.json`, `market-latest.json`)
 * so dashboards rebuild without a warehouse connection.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import path from 'node:path';
import { z } from 'zod';
import { safePathSegment } from './path-segment.ts';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const marketSnapshotSchema = z.object({
  snapshotVersion: z.literal(1),
  /** Becomes a file name (`market/<runId>.json`, `analysis/<runId>.md`): checked as one. */
  runId: safePathSegment('run id'),
  /** Provider whose warehouse answered (a name like `local`, checked like the run id). */
  provider: safePathSegment('provider'),
  generatedAt: z.iso.datetime({ offset: true }),
  /** Answer of each named analytic query (see providers/core/warehouse.ts), row objects. */
  queries: z.record(z.string(), z.array(z.record(z.string(), cell))),
});
export type MarketSnapshot = z.infer<typeof marketSnapshotSchema>;

export async function writeMarketSnapshot(snapshot: MarketSnapshot, resultsDir: string): Promise<string> {
  checkedSnapshot(snapshot);
  const dir = path.join(resultsDir, 'market');
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(snapshot)}\n`;
  const file = path.join(dir, `${snapshot.runId}.json`);
  for (const target of [file, path.join(resultsDir, 'market-latest.json')]) {
    await writeFileAtomic(target, text);
  }
  return file;
}

/** The snapshot when valid; otherwise throws with its first problem on one line (zod's message is multi-line JSON). */
function checkedSnapshot(value: unknown): MarketSnapshot {
  const parsed = marketSnapshotSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

export async function readMarketSnapshot(file: string): Promise<MarketSnapshot> {
  return checkedSnapshot(JSON.parse(await readFile(file, 'utf8')));
}
