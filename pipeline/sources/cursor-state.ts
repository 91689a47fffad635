/**
 * A source's memory between runs, in the lake at `state/source=<name>/cursor.json`:
 * what was already collected (newest posting date per query, URLs seen) and, while a
 * query is in flight, the resume token of the last page handed to the consumer.
 *
 * Write contract: a source writes this file only after the consumer has pulled the next
 * page, i.e. after it stored the previous one (code after `yield` runs when the consumer
 * asks for more). A crash therefore never records a page as collected that the lake lacks.
 */
import type { ObjectStore } from '../../providers/core/index.ts';

export function cursorKey(source: string): string {
  return `state/source=${source}/cursor.json`;
}

/** Reads a source's state, or null when there is none yet or it is unreadable. */
export async function readCursorState<T extends { version: number }>(
  store: ObjectStore,
  source: string,
  version: number,
): Promise<T | null> {
  const key = cursorKey(source);
  if ((await store.head(key)) === null) return null;
  try {
    const parsed = JSON.parse(Buffer.from(await store.get(key)).toString('utf8')) as T;
    return typeof parsed === 'object' && parsed !== null && parsed.version === version ? parsed : null;
  } catch {
    return null;
  }
}

export async function writeCursorState(store: ObjectStore, source: string, state: { version: number }): Promise<void> {
  await store.put(cursorKey(source), JSON.stringify(state, null, 1), { contentType: 'application/json' });
}

/** Encodes a resume token (opaque to everyone but the source that wrote it). */
export function encodeResumeToken(value: Record<string, unknown>): string {
  return JSON.stringify(value);
}

/** Decodes a resume token, or null when absent or not one of ours. */
export function decodeResumeToken<T>(
  token: string | null | undefined,
  isValid: (value: unknown) => value is T,
): T | null {
  if (!token) return null;
  try {
    const value: unknown = JSON.parse(token);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

/** The later of two ISO dates (either may be null). */
export function laterDate(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
