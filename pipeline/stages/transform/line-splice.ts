/**
 * A clean line with its `rawKey` and `collectedAt` values replaced in its bytes, which is
 * what JSON.stringify of the rewritten posting gives when the transform wrote the line
 * (reuse-clean.ts): no posting serialised again.
 */
import type { Posting } from '../../../providers/core/index.ts';

/** Where a copied posting now comes from: this run's page key and its fetch time. */
export interface Place {
  key: string;
  collectedAt: string;
}

export const NEWLINE = Buffer.from('\n');
const FIELD_NAMES = { rawKey: Buffer.from('"rawKey":'), collectedAt: Buffer.from('"collectedAt":') };

/** Bytes appended to one growing buffer (a chunk's lines, copied once each). */
export class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(expected: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(expected, 1024));
  }

  write(source: Buffer, start: number, end: number): void {
    const needed = this.length + end - start;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += source.copy(this.buffer, this.length, start, end);
  }

  /** Copied to its own length: the chunk is kept until uploaded, its spare room need not be. */
  bytes(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

/** JSON.stringify of a value as bytes, made once per value: a page's postings share their rawKey and fetch time. */
export class JsonBytes {
  private readonly made = new Map<unknown, Buffer>();

  of(value: unknown): Buffer | null {
    let bytes = this.made.get(value);
    if (bytes === undefined) {
      const text = JSON.stringify(value);
      if (text === undefined) return null;
      bytes = Buffer.from(text);
      this.made.set(value, bytes);
    }
    return bytes;
  }
}

/** A value's place in a line and what replaces it. */
interface Splice {
  start: number;
  end: number;
  value: Buffer;
}

/**
 * Where the values of a line's top-level `rawKey` and `collectedAt` are, with their new
 * values, in line order; null when either cannot be placed for certain. Each `"field":`
 * must occur exactly once in the line, followed by the old value as JSON.stringify writes
 * it. Inside a JSON string a quote is escaped, so `"rawKey":` there would need a key
 * ending in `rawKey` (another occurrence: refused); the field itself is in the line since
 * the parsed posting has it, unless its name was written with escapes (then not found:
 * refused).
 */
export function spliceFields(line: Buffer, posting: Posting, place: Place, json = new JsonBytes()): Splice[] | null {
  const splices: Splice[] = [];
  for (const field of ['rawKey', 'collectedAt'] as const) {
    const old = json.of(posting[field]);
    if (old === null) return null;
    const name = FIELD_NAMES[field];
    const at = line.indexOf(name);
    if (at < 0 || line.indexOf(name, at + 1) >= 0) return null;
    const start = at + name.length;
    const end = start + old.length;
    if (end > line.length || line.compare(old, 0, old.length, start, end) !== 0) return null;
    splices.push({ start, end, value: json.of(field === 'rawKey' ? place.key : place.collectedAt)! });
  }
  return splices.sort((a, b) => a.start - b.start);
}
