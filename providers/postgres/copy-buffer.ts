/**
 * COPY data written as UTF-8 straight into large buffers, line by line. Joining a batch's
 * lines into one string and encoding it afterwards built a second copy of the batch as a
 * string first (about 5 MB per 5,000 postings) and cost as much as typing the rows did;
 * the buffers are handed to SqlClient.copyCsv as they are.
 */

/** 1 MiB: a few pieces per batch, each sent as it is. */
const PIECE_BYTES = 1 << 20;

export class CopyBuffer {
  private readonly pieces: Buffer[] = [];
  private current = Buffer.allocUnsafe(PIECE_BYTES);
  private used = 0;
  /** Lines written so far. */
  lines = 0;

  write(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    const room = line.length * 3;
    if (this.used + room > this.current.length) {
      if (this.used > 0) this.pieces.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafe(Math.max(PIECE_BYTES, room));
      this.used = 0;
    }
    this.used += this.current.write(line, this.used);
    this.lines += 1;
  }

  /** The bytes written, as pieces in order. */
  done(): Buffer[] {
    return this.used > 0 ? [...this.pieces, this.current.subarray(0, this.used)] : [...this.pieces];
  }
}
