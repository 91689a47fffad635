/**
 * COPY data written as UTF-8 straight into large buffers, line by line. Joining a batch's
 * lines into one string and encoding it afterwards built a second copy of the batch as a
 * string first (about 5 MB per 5,000 postings) and cost as much as typing the rows did;
 * the buffers are handed to SqlClient.copyCsv as they are. Fields can be written one by
 * one, so a long description is encoded once, from the posting's own string. A line may
 * span two pieces: COPY reads them as one stream.
 */

/** 1 MiB: a few pieces per batch, each sent as it is. */
const PIECE_BYTES = 1 << 20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

export class CopyBuffer {
  private readonly pieces: Buffer[] = [];
  private current = Buffer.allocUnsafe(PIECE_BYTES);
  private used = 0;
  /** Lines written so far. */
  lines = 0;

  write(line: string): void {
    this.room(line.length * 3);
    this.used += this.current.write(line, this.used);
    this.lines += 1;
  }

  /** One CSV field, quoted with inner quotes doubled; null and undefined as the empty field COPY reads as NULL. */
  text(value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    const quoted = value.includes('"') ? value.replaceAll('"', '""') : value;
    this.room(quoted.length * 3 + 2);
    this.current[this.used++] = QUOTE;
    this.used += this.current.write(quoted, this.used);
    this.current[this.used++] = QUOTE;
  }

  /** Text written as it is (numbers, keys, separators). */
  raw(text: string): void {
    this.room(text.length * 3);
    this.used += this.current.write(text, this.used);
  }

  comma(): void {
    this.room(1);
    this.current[this.used++] = COMMA;
  }

  /** Ends a line written field by field. */
  endLine(): void {
    this.room(1);
    this.current[this.used++] = NEWLINE;
    this.lines += 1;
  }

  /** Makes room for `bytes` more (a UTF-16 code unit takes at most 3 bytes in UTF-8; a surrogate pair, 2 units, 4). */
  private room(bytes: number): void {
    if (this.used + bytes <= this.current.length) return;
    if (this.used > 0) this.pieces.push(this.current.subarray(0, this.used));
    this.current = Buffer.allocUnsafe(Math.max(PIECE_BYTES, bytes));
    this.used = 0;
  }

  /** The bytes written, as pieces in order. */
  done(): Buffer[] {
    return this.used > 0 ? [...this.pieces, this.current.subarray(0, this.used)] : [...this.pieces];
  }
}
