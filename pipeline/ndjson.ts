/** NDJSON bodies of the lake (clean chunks, quarantine) as bytes, without whole-body strings. */
/**
 * NDJSON as UTF-8 bytes, one line per record. Each line becomes bytes as soon as it is
 * written, so a chunk never exists as one large string (which V8 may hold two bytes per
 * character, plus the copies of a join).
 */
export function toNdjson(records: readonly unknown[]): Buffer {
  return Buffer.concat(records.map((record) => Buffer.from(`${JSON.stringify(record)}\n`)));
}

/** The records of an NDJSON body, parsed one line at a time (no array of lines). */
export function* ndjsonRecords<T>(body: Uint8Array): Iterable<T> {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (end > start) yield JSON.parse(bytes.toString('utf8', start, end)) as T;
    start = end + 1;
  }
}
