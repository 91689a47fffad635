/**
 * The run manifest (`runs/<runId>/manifest.json`): each stage's checkpoint, counts and
 * checksums. It is the resume point: a run started again with the same id skips what
 * the manifest (and the lake itself) says is done.
 */
import type { LoadInfo, ObjectStore } from '../providers/core/index.ts';
import type { QualityAssessment } from './quality-stage.ts';
import { hasErrorCode } from '../providers/core/index.ts';
import { manifestKey } from './lake-layout.ts';

export type StageStatus = 'pending' | 'running' | 'done' | 'failed';

export interface SourceCheckpoint {
  status: StageStatus;
  /** Raw pages stored (body + meta) so far. */
  pages: number;
  bytes: number;
  /** Cursor of the last stored page: where a resumed extract continues. */
  lastCursor: string | null;
  error: string | null;
  /** Fetch counters reported by the source. */
  stats: Record<string, number>;
}

export interface RunManifest {
  manifestVersion: 1;
  runId: string;
  /** `dt=` partition of every key this run writes. */
  dt: string;
  startedAt: string;
  updatedAt: string;
  workload: { sources: string[]; scale: number; seed: number };
  status: 'running' | 'done' | 'failed';
  /** How many times this run was started (1 + resumes). */
  attempts: number;
  stages: {
    extract: { status: StageStatus; durationMs: number; sources: Record<string, SourceCheckpoint> };
    transform: {
      status: StageStatus;
      durationMs: number;
      /** Chunks planned from the raw pages, and those written to clean/. */
      chunks: number | null;
      chunksDone: number[];
      extracted: number;
      postings: number;
      quarantined: number;
      duplicatesMerged: number;
      /** Digest of each chunk's postings, by chunk index. */
      chunkChecksums: Record<string, string>;
      /** Order-independent digest of (id, content hash) over clean/ (see RunningDigest). */
      checksum: string | null;
    };
    quality: { status: StageStatus; durationMs: number; assessment: QualityAssessment | null };
    load: { status: StageStatus; durationMs: number; info: LoadInfo | null };
  };
  error: string | null;
}

export function newManifest(init: { runId: string; dt: string; startedAt: string; workload: RunManifest['workload'] }): RunManifest {
  return {
    manifestVersion: 1,
    ...init,
    updatedAt: init.startedAt,
    status: 'running',
    attempts: 1,
    stages: {
      extract: { status: 'pending', durationMs: 0, sources: {} },
      transform: { status: 'pending', durationMs: 0, chunks: null, chunksDone: [], extracted: 0, postings: 0, quarantined: 0, duplicatesMerged: 0, chunkChecksums: {}, checksum: null },
      quality: { status: 'pending', durationMs: 0, assessment: null },
      load: { status: 'pending', durationMs: 0, info: null },
    },
    error: null,
  };
}

export async function readManifest(store: ObjectStore, runId: string): Promise<RunManifest | null> {
  try {
    const bytes = await store.get(manifestKey(runId));
    const manifest = JSON.parse(Buffer.from(bytes).toString('utf8')) as RunManifest;
    if (manifest.manifestVersion !== 1) throw new Error(`unsupported manifest version ${String(manifest.manifestVersion)}`);
    return manifest;
  } catch (error) {
    if (hasErrorCode(error, 'not-found')) return null;
    throw error;
  }
}

export async function writeManifest(store: ObjectStore, manifest: RunManifest, now: Date): Promise<void> {
  manifest.updatedAt = now.toISOString();
  await store.put(manifestKey(manifest.runId), `${JSON.stringify(manifest, null, 2)}\n`, { contentType: 'application/json' });
}
