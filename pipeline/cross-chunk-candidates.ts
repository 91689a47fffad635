/**
 * The candidates of the cross-chunk dedupe, held compactly. A large run can have
 * hundreds of thousands of them (on the sample workload at 1M postings, about a quarter
 * of all postings share a dedupe key with a posting in another chunk), so per candidate
 * this keeps a few numbers on V8's heap (chunk, line, keys) and its JSON bytes in one
 * buffer per chunk — no object, string or Buffer per candidate.
 */
import { StaticDisjointSet } from 'mnemonist';
import type { Posting } from '../providers/core/index.ts';

/** Bytes appended in order, read back by index: one buffer per sealed part. */
class ByteLog {
  private readonly parts: Buffer[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly part: number[] = [];
  private readonly start: number[] = [];
  private readonly length: number[] = [];

  get size(): number {
    return this.part.length;
  }

  /** Appends one record; returns its index. */
  append(bytes: Buffer): number {
    this.part.push(this.parts.length);
    this.start.push(this.pendingBytes);
    this.length.push(bytes.length);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    return this.part.length - 1;
  }

  /** Joins what was appended since the last seal into one buffer. */
  seal(): void {
    if (this.pending.length === 0) return;
    this.parts.push(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  bytes(index: number): Buffer {
    const start = this.start[index]!;
    return this.parts[this.part[index]!]!.subarray(start, start + this.length[index]!);
  }
}

export class CandidateSet {
  private readonly lines = new ByteLog();
  private readonly chunkOf: number[] = [];
  private readonly lineOf: number[] = [];
  /** First candidate seen with each key; a later one with the key is linked to it. */
  private readonly firstWithKey = new Map<number, number>();
  private readonly links: number[] = [];

  get size(): number {
    return this.chunkOf.length;
  }

  /**
   * Adds the posting on `line` of `chunk` (chunks in increasing order), as its JSON bytes,
   * with its keys as small integers. Two unrelated keys mapping to one integer only join
   * two groups, which makes a batch larger, never a result different.
   */
  add(chunk: number, line: number, json: Buffer, keys: readonly number[]): void {
    const index = this.chunkOf.length;
    if (index > 0 && this.chunkOf[index - 1] !== chunk) this.lines.seal();
    this.chunkOf.push(chunk);
    this.lineOf.push(line);
    this.lines.append(json);
    for (const key of keys) {
      const first = this.firstWithKey.get(key);
      if (first === undefined) this.firstWithKey.set(key, index);
      else this.links.push(first, index);
    }
  }

  chunk(index: number): number {
    return this.chunkOf[index]!;
  }

  /** The candidate's line in its chunk (0-based). */
  line(index: number): number {
    return this.lineOf[index]!;
  }

  posting(index: number): Posting {
    return JSON.parse(this.lines.bytes(index).toString('utf8')) as Posting;
  }

  /**
   * Candidate indexes in batches of whole groups (union-find over shared keys), each batch
   * in candidate order, so deduping batch by batch gives what deduping all at once would:
   * the rule only ever compares postings sharing an id or a key. A batch holds at most
   * `size` candidates unless one group alone is larger.
   */
  batches(size: number): number[][] {
    this.lines.seal();
    this.firstWithKey.clear();
    const sets = new StaticDisjointSet(this.size);
    for (let i = 0; i < this.links.length; i += 2) sets.union(this.links[i]!, this.links[i + 1]!);
    this.links.length = 0;
    const batches: number[][] = [];
    let current: number[] = [];
    for (const group of sets.compile()) {
      if (current.length > 0 && current.length + group.length > size) {
        batches.push(current.sort((a, b) => a - b));
        current = [];
      }
      for (const index of group) current.push(index);
    }
    if (current.length > 0) batches.push(current.sort((a, b) => a - b));
    return batches;
  }
}

/** NDJSON lines kept for later, by index (the postings that replace a place). */
export class LineStore {
  private readonly log = new ByteLog();

  add(line: Buffer): number {
    return this.log.append(line);
  }

  /** Call after each batch, so a batch's lines share one buffer. */
  seal(): void {
    this.log.seal();
  }

  line(index: number): Buffer {
    return this.log.bytes(index);
  }
}
