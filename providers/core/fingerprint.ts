import { createHash } from 'node:crypto';

/**
 * A short, stable, non-reversible label for an endpoint: results can tell two endpoints
 * apart without recording a host name or anything secret.
 */
export function endpointFingerprint(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}
