/**
 * `Retry-After` (RFC 9110 §10.2.3) is either a number of seconds or an HTTP-date.
 * Servers send it with 429 (RFC 6585 §4) and 503.
 */

/** Milliseconds to wait, or null when the header is absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay is fixed, the
 * other half random, so synchronized clients spread out while the wait never collapses
 * to zero. `attempt` counts retries from 1.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
