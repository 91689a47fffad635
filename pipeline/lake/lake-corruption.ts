/**
 * Lake objects that are not what the stage that wrote them recorded: a raw page whose
 * bytes do not match the sha256 of its `.meta.json`, a clean chunk whose postings do not
 * match the transform's checksum, an object that is gone. Reading one is never silent:
 * the stage stops with this error, which names every such object and says how the run is
 * repaired.
 */
import { hasErrorCode, type ObjectStore } from '../../providers/core/index.ts';
import { corruptCopyKey } from './lake-layout.ts';

export interface CorruptObject {
  key: string;
  /** What is wrong with it, as a clause: "its sha256 is … where its .meta.json says …". */
  problem: string;
}

/** Brand checked instead of `instanceof`, which fails when a module is loaded twice. */
const LAKE_CORRUPTION = Symbol.for('jobbench.LakeCorruptionError');

export class LakeCorruptionError extends Error {
  readonly [LAKE_CORRUPTION] = true;
  readonly code = 'lake-corrupt';

  constructor(
    readonly objects: readonly CorruptObject[],
    /** What was done about it and the command that finishes the repair. */
    readonly repair: string,
    /** Which layer: a raw page is fetched again, a clean chunk made again by the transform. */
    readonly layer: 'raw' | 'clean',
  ) {
    const listed = objects
      .slice(0, 5)
      .map((o) => `${o.key} (${o.problem})`)
      .join('; ');
    const more = objects.length > 5 ? `; and ${objects.length - 5} more` : '';
    super(`the lake is corrupt: ${listed}${more}. ${repair}`);
    this.name = 'LakeCorruptionError';
  }
}

export function isLakeCorruptionError(value: unknown): value is LakeCorruptionError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LAKE_CORRUPTION] === true;
}

/** The object's bytes, or null when it does not exist. */
export async function getIfPresent(store: ObjectStore, key: string): Promise<Uint8Array | null> {
  try {
    return await store.get(key);
  } catch (error) {
    if (hasErrorCode(error, 'not-found')) return null;
    throw error;
  }
}

/**
 * Copies a corrupt object, as found, under `quarantine/run=<id>/corrupt/`, so repairing
 * the run (which overwrites or deletes it) never destroys the evidence.
 */
export async function keepCorruptCopy(
  store: ObjectStore,
  runId: string,
  key: string,
  bytes?: Uint8Array | null,
): Promise<void> {
  const body = bytes === undefined ? await getIfPresent(store, key) : bytes;
  if (body !== null) await store.put(corruptCopyKey(runId, key), body, { contentType: 'application/octet-stream' });
}
