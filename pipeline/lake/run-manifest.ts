/**
 * The run manifest (`runs/<runId>/manifest.json`): each stage's checkpoint, counts and
 * checksums. It is the resume point: a run started again with the same id skips what
 * the manifest (and the lake itself) says is done.
 */
import type { LoadInfo, ObjectStore } from '../../providers/core/index.ts';
import type { QualityAssessment } from '../stages/quality/quality-stage.ts';
import { hasErrorCode } from '../../providers/core/index.ts';
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
  /**
   * URLs of raw pages removed or to be overwritten by a repair (raw-reextract.ts): the
   * resumed extract asks the source to fetch them again even if its own state says they
   * were collected. Absent when there is nothing to repair.
   */
  refetchUrls?: string[];
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
      /**
       * Digest of everything clean/ was made from (reuse-clean.ts): the raw pages, the chunk
       * plan and the transform's own code. Absent in manifests written before it existed,
       * and when a page's metadata rules reuse out.
       */
      inputFingerprint?: string;
      /**
       * Digest of each chunk's raw page inputs (sha256, format and url from the metas), by
       * chunk index, recorded as the chunk is made; the input fingerprint combines them in
       * chunk order (reuse-clean.ts). Null for a chunk with a page that rules reuse out.
       */
      chunkInputDigests?: Record<string, string | null>;
      /** The earlier run whose clean output this transform copied instead of parsing again. */
      reusedFrom?: string;
    };
    quality: { status: StageStatus; durationMs: number; assessment: QualityAssessment | null };
    load: { status: StageStatus; durationMs: number; info: LoadInfo | null };
  };
  error: string | null;
}

export function newManifest(init: {
  runId: string;
  dt: string;
  startedAt: string;
  workload: RunManifest['workload'];
}): RunManifest {
  return {
    manifestVersion: 1,
    ...init,
    updatedAt: init.startedAt,
    status: 'running',
    attempts: 1,
    stages: {
      extract: { status: 'pending', durationMs: 0, sources: {} },
      transform: {
        status: 'pending',
        durationMs: 0,
        chunks: null,
        chunksDone: [],
        extracted: 0,
        postings: 0,
        quarantined: 0,
        duplicatesMerged: 0,
        chunkChecksums: {},
        checksum: null,
      },
      quality: { status: 'pending', durationMs: 0, assessment: null },
      load: { status: 'pending', durationMs: 0, info: null },
    },
    error: null,
  };
}

/**
 * A manifest that exists but cannot be read back (cut short, edited, another version, or
 * another run's): the run cannot be resumed from it, and retrying the same id cannot help.
 * Branded like ConfigurationError so a module loaded twice still recognises it.
 */
const DAMAGED_MANIFEST = Symbol.for('jobbench.DamagedManifestError');

export class DamagedManifestError extends Error {
  readonly [DAMAGED_MANIFEST] = true;

  constructor(
    readonly runId: string,
    problem: string,
  ) {
    super(
      `the manifest of run ${runId} (${manifestKey(runId)} in the lake) is damaged: ${problem}. This run cannot be resumed; start a new run without --resume`,
    );
    this.name = 'DamagedManifestError';
  }
}

export function isDamagedManifestError(value: unknown): value is DamagedManifestError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DAMAGED_MANIFEST] === true;
}

/** The run's manifest; null when the run has none; DamagedManifestError when it cannot be read back. */
export async function readManifest(store: ObjectStore, runId: string): Promise<RunManifest | null> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(manifestKey(runId));
  } catch (error) {
    if (hasErrorCode(error, 'not-found')) return null;
    throw error;
  }
  return parseManifest(Buffer.from(bytes).toString('utf8'), runId);
}

/** Checks the little a resume relies on before it trusts the rest: the version, the run and the stages. */
function parseManifest(text: string, runId: string): RunManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DamagedManifestError(runId, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const manifest = value as Partial<RunManifest> | null;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    throw new DamagedManifestError(runId, 'not a JSON object');
  if (manifest.manifestVersion !== 1)
    throw new DamagedManifestError(runId, `unsupported manifest version ${JSON.stringify(manifest.manifestVersion)}`);
  if (manifest.runId !== runId) throw new DamagedManifestError(runId, `it names run ${JSON.stringify(manifest.runId)}`);
  const stages = manifest.stages as Partial<RunManifest['stages']> | undefined;
  const complete =
    stages &&
    (['extract', 'transform', 'quality', 'load'] as const).every((stage) => typeof stages[stage]?.status === 'string');
  if (!complete || typeof manifest.dt !== 'string' || typeof stages.extract?.sources !== 'object') {
    throw new DamagedManifestError(runId, 'stages or partition missing');
  }
  return manifest as RunManifest;
}

export async function writeManifest(store: ObjectStore, manifest: RunManifest, now: Date): Promise<void> {
  manifest.updatedAt = now.toISOString();
  await store.put(manifestKey(manifest.runId), `${JSON.stringify(manifest, null, 2)}\n`, {
    contentType: 'application/json',
  });
}
