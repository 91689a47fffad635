/**
 * Identifiers read from files (a snapshot's run id, a provider or source name) become
 * file names: `results/analysis/<runId>.json`. A file is input like any other, so such
 * an identifier is checked where it is read, before it reaches `path.join` — "../../x"
 * or "a/b" would otherwise write outside the directory meant for it.
 */
import { z } from 'zod';

/**
 * One path segment: starts with a letter or digit (so never `.`, `..` or a hidden file),
 * then letters, digits, `.`, `_`, `-`; no separator of any platform, no control character.
 * Run ids (`20261128T103000Z-1a2b3c`) and provider/source names all fit.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isSafePathSegment(value: string): boolean {
  return SAFE_SEGMENT.test(value);
}

/** A one-line reason, naming the value (JSON-quoted so control characters show). */
export function unsafeSegmentReason(what: string, value: string): string {
  return `${what} ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} cannot be used as a file name (letters, digits, ".", "_" and "-" only, starting with a letter or digit)`;
}

/** Throws when `value` is not one safe path segment; returns it otherwise. */
export function assertSafePathSegment(what: string, value: string): string {
  if (!isSafePathSegment(value)) throw new Error(unsafeSegmentReason(what, value));
  return value;
}

/** The zod form, for schemas of files whose identifiers become paths. */
export function safePathSegment(what: string) {
  return z.string().refine(isSafePathSegment, { error: (issue) => unsafeSegmentReason(what, String(issue.input)) });
}
