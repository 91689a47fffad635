/**
 * The candidates of the cross-chunk dedupe, held compactly. A large run can have
 * hundreds of thousands of them (on the sample workload at 1M postings, 620,370: most
 * postings share a dedupe key with a posting in another chunk), so per candidate this
 * keeps a few numbers on V8's heap (chunk, line, keys, where its bytes are) and its JSON
 * bytes in a scratch file — no object, string or Buffer per candidate. Both classes own a
 * scratch file: call `close()`.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StaticDisjointSet } from 'mnemonist';
import type { Posting } from '../../../providers/core/index.ts';

/**
 * Bytes appended in order to a scratch file and read back by index. At a million postings
 * the candidates' JSON is about a gigabyte: held in memory it was most of the run's peak
 * resident set, so it goes to disk (the page cache keeps it warm, outside the process).
 * Calls are synchronous: a pass over scratch data has nothing to overlap with, and a
 * thread-pool round trip per small read costs more than the read.
 */
class SpillLog {
  private dir: string | null = null;
  private fd: number | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;
  private readonly start: number[] = [];
  private readonly length: number[] = [];

  /** Appends one record (copied); returns its index. */
  append(bytes: Uint8Array): number {
    this.start.push(this.written + this.pendingBytes);
    this.length.push(bytes.byteLength);
    this.pending.push(Buffer.from(bytes));
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= SPILL_WRITE_BYTES) this.flush();
    return this.start.length - 1;
  }

  /** Writes what was appended since the last flush. */
  flush(): void {
    if (this.pendingBytes === 0) return;
    if (this.fd === null) {
      this.dir = mkdtempSync(path.join(os.tmpdir(), 'jobbench-cross-chunk-'));
      this.fd = openSync(path.join(this.dir, 'spill'), 'w+');
    }
    const block = Buffer.concat(this.pending, this.pendingBytes);
    for (let at = 0; at < block.length; ) at += writeSync(this.fd, block, at, block.length - at, this.written + at);
    this.written += block.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  bytes(index: number): Buffer {
    const start = this.start[index]!;
    const out = Buffer.allocUnsafe(this.length[index]!);
    if (start >= this.written) this.flush();
    for (let at = 0; at < out.length; ) {
      const read = readSync(this.fd!, out, at, out.length - at, start + at);
      if (read === 0)
        throw new Error(`scratch file ended at ${start + at} bytes, record ${index} needs ${start + out.length}`);
      at += read;
    }
    return out;
  }

  /** Removes the scratch file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
  }
}

/** Bytes gathered before one write to the scratch file. */
const SPILL_WRITE_BYTES = 1024 * 1024;

export class CandidateSet {
  private readonly lines = new SpillLog();
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

  /** Removes the scratch file. */
  close(): void {
    this.lines.close();
  }

  /**
   * Candidate indexes in batches of whole groups (union-find over shared keys), each batch
   * in candidate order, so deduping batch by batch gives what deduping all at once would:
   * the rule only ever compares postings sharing an id or a key. A batch holds at most
   * `size` candidates unless one group alone is larger.
   */
  batches(size: number): number[][] {
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
  private readonly log = new SpillLog();

  add(line: Buffer): number {
    return this.log.append(line);
  }

  line(index: number): Buffer {
    return this.log.bytes(index);
  }

  /** Removes the scratch file. */
  close(): void {
    this.log.close();
  }
}
