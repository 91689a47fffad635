/**
 * Seeded payloads shaped like the lake's objects: raw API pages (2–50 KB of JSON) and
 * clean NDJSON batches (several MB). Content is random text so no layer can compress
 * or deduplicate it away.
 */
import type { Random } from '../../lib/seeded-random.ts';

const WORDS = [
  'data',
  'scientist',
  'python',
  'sql',
  'paris',
  'lyon',
  'cdi',
  'remote',
  'senior',
  'spark',
  'dbt',
  'ml',
  'engineer',
  'analyst',
  'cloud',
];

function words(random: Random, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return out.join(' ');
}

/** A JSON document of exactly `bytes` bytes (ASCII). */
export function jsonPage(random: Random, bytes: number): Uint8Array {
  const head = '{"results":[{"description":"';
  const tail = '"}]}';
  let body = '';
  while (body.length < bytes - head.length - tail.length) body += `${words(random, 8)} `;
  return Buffer.from(`${head}${body.slice(0, Math.max(0, bytes - head.length - tail.length))}${tail}`, 'utf8');
}

/** A raw-page size drawn uniformly in [2 KB, 50 KB]. */
export function rawPageSize(random: Random): number {
  return 2048 + Math.floor(random() * (50 * 1024 - 2048));
}

/** NDJSON of posting-like lines, exactly `bytes` bytes. */
export function ndjsonBatch(random: Random, bytes: number): Uint8Array {
  const buffer = Buffer.alloc(bytes, 0x20);
  let offset = 0;
  let n = 0;
  while (offset < bytes) {
    const line = `${JSON.stringify({ id: `bench-${n++}`, title: words(random, 4), description: words(random, 120) })}\n`;
    offset += buffer.write(line, offset, 'utf8');
  }
  if (bytes > 0) buffer[bytes - 1] = 0x0a;
  return buffer;
}
