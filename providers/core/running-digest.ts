import { createHash } from 'node:crypto';

const MOD = 1n << 256n;

/**
 * An order-independent digest of (id, content hash) pairs: the sum mod 2^256 of
 * sha256(id:hash). Batches can arrive in any order and the checksum of a load still
 * matches the checksum computed from the clean files.
 */
export class RunningDigest {
  private sum = 0n;

  add(id: string, contentHash: string): void {
    const digest = createHash('sha256').update(`${id}:${contentHash}`).digest('hex');
    this.sum = (this.sum + BigInt(`0x${digest}`)) % MOD;
  }

  /** The digest of the union of several digests' inputs (sums are associative). */
  static combine(hexes: Iterable<string>): string {
    const total = new RunningDigest();
    for (const hex of hexes) total.sum = (total.sum + BigInt(`0x${hex}`)) % MOD;
    return total.hex();
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}
