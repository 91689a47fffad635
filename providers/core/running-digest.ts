import { createHash } from 'node:crypto';

const MOD = 1n << 256n;

const term = (id: string, contentHash: string) =>
  BigInt(`0x${createHash('sha256').update(`${id}:${contentHash}`).digest('hex')}`);

/**
 * An order-independent digest of (id, content hash) pairs: the sum mod 2^256 of
 * sha256(id:hash). Batches can arrive in any order and the checksum of a load still
 * matches the checksum computed from the clean files.
 */
export class RunningDigest {
  private sum = 0n;

  add(id: string, contentHash: string): void {
    this.sum = (this.sum + term(id, contentHash)) % MOD;
  }

  /** Takes back one `add` of the same pair, so a changed set is updated without re-adding the rest. */
  remove(id: string, contentHash: string): void {
    this.sum = (this.sum + MOD - term(id, contentHash)) % MOD;
  }

  /** A digest that continues from `hex` (what `hex()` returned). */
  static fromHex(hex: string): RunningDigest {
    const digest = new RunningDigest();
    digest.sum = BigInt(`0x${hex}`) % MOD;
    return digest;
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
