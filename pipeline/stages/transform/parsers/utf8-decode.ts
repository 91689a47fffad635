/**
 * UTF-8 decoding that says what it replaced. `Buffer#toString('utf8')` turns every byte
 * sequence that is not UTF-8 into U+FFFD, as the WHATWG Encoding standard says, and says
 * nothing: text mangled by a wrong charset would reach the postings unnoticed. The count
 * goes to the chunk's output and the quality report; the postings holding U+FFFD are
 * flagged by the transform (unsafe-characters.ts).
 */
import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  text: string;
  /** U+FFFD characters the decoder produced for invalid bytes (not those written as valid UTF-8). */
  replacements: number;
}

/** U+FFFD in UTF-8. */
const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8');
  if (isUtf8(buffer)) return { text, replacements: 0 };
  // Every U+FFFD in the text is either a replacement or a valid EF BF BD in the bytes.
  // EF is a lead byte, never a continuation, so a valid EF BF BD is always decoded whole.
  return { text, replacements: occurrences(text, '\uFFFD') - byteOccurrences(buffer, REPLACEMENT_BYTES) };
}

function occurrences(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

function byteOccurrences(buffer: Buffer, sequence: Buffer): number {
  let count = 0;
  for (let at = buffer.indexOf(sequence); at !== -1; at = buffer.indexOf(sequence, at + sequence.length)) count += 1;
  return count;
}
