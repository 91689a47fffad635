/** NDJSON bodies of the lake (clean chunks, quarantine) as bytes, without whole-body strings. */

/**
 * NDJSON as UTF-8 bytes, one line per record. Each line becomes bytes as soon as it is
 * written, so a chunk never exists as one large string (which V8 may hold two bytes per
 * character, plus the copies of a join).
 */
export function toNdjson(records: readonly unknown[]): Buffer {
  return Buffer.concat(records.map((record) => Buffer.from(`${JSON.stringify(record)}\n`)));
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
