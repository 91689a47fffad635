/**
 * Reads a fetch Response body chunk by chunk and stops at a byte cap, so a 200 MB page or
 * a gzip bomb costs at most the cap in memory. The count is of decoded bytes: fetch
 * undoes `Content-Encoding` while streaming, so a small compressed body that expands
 * past the cap is cut as soon as the cap is crossed.
 */

/** What to do with the bytes past the cap. */
export type Overflow =
  /** Refuse the whole answer (BodyTooLargeError): a cut page or API answer is not worth storing. */
  | 'refuse'
  /** Keep the first `maxBytes` bytes (robots.txt: RFC 9309 §2.5 parses only the start). */
  | 'truncate';

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`response larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export async function readCappedBody(
  response: Response,
  maxBytes: number,
  overflow: Overflow = 'refuse',
): Promise<Uint8Array> {
  // A declared length already over the cap is refused unread (it counts encoded bytes,
  // so only when no Content-Encoding stands between it and the decoded body).
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (
    overflow === 'refuse' &&
    !response.headers.has('content-encoding') &&
    Number.isFinite(declared) &&
    declared > maxBytes
  ) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      // Cancelling closes the connection: the rest is never downloaded nor decompressed.
      await reader.cancel().catch(() => undefined);
      if (overflow === 'refuse') throw new BodyTooLargeError(maxBytes);
      chunks.push(value.subarray(0, maxBytes - total));
      total = maxBytes;
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  return Buffer.concat(chunks, total);
}
