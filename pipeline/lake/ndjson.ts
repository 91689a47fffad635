/** NDJSON bodies of the lake (clean chunks, quarantine) as bytes, without whole-body strings. */

/**
 * NDJSON as UTF-8 bytes, one line per record. Each line becomes bytes as soon as it is
 * written, so a chunk never exists as one large string (which V8 may hold two bytes per
 * character, plus the copies of a join). The lines are encoded straight into one growing
 * buffer rather than into a Buffer each and concatenated (5,000 Buffers for a 5,000-posting
 * chunk: about 40 % of this function's time, the rest being JSON.stringify).
 */
export function toNdjson(records: readonly unknown[]): Buffer {
  let bytes = Buffer.allocUnsafe(0);
  let length = 0;
  for (const record of records) {
    // The newline is written as a byte: a line string would be copied once more to flatten it.
    // (`undefined` has no JSON: its line reads "undefined", as a template string wrote it.)
    const json = JSON.stringify(record) ?? 'undefined';
    // A UTF-16 unit never takes more than 3 UTF-8 bytes (a surrogate pair: 4 for 2 units).
    const needed = length + json.length * 3 + 1;
    if (needed > bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, bytes.length * 2, 1 << 16));
      bytes.copy(grown, 0, 0, length);
      bytes = grown;
    }
    length += bytes.write(json, length, 'utf8');
    bytes[length++] = 0x0a;
  }
  // Copied to its own length: a chunk's bytes are kept until uploaded, its spare room need not be.
  return Buffer.from(bytes.subarray(0, length));
}

/** The non-empty lines of an NDJSON body, as views of its bytes (without the newline). */
export function* ndjsonLines(body: Uint8Array): Iterable<Buffer> {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (end > start) yield bytes.subarray(start, end);
    start = end + 1;
  }
}

/** The records of an NDJSON body, parsed one line at a time (no array of lines). */
export function* ndjsonRecords<T>(body: Uint8Array): Iterable<T> {
  for (const line of ndjsonLines(body)) yield JSON.parse(line.toString('utf8')) as T;
}
