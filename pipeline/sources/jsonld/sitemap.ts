/**
 * Sitemaps (https://www.sitemaps.org/protocol.html): a `<urlset>` lists pages with an
 * optional `<lastmod>`; a `<sitemapindex>` lists other sitemaps. Files may be gzipped
 * (`.xml.gz`). Malformed XML is reported as a SitemapError, never parsed by guesswork.
 * Decompression stops at a byte cap (a 1 MB gzip bomb can expand to gigabytes).
 */
import { gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEFAULT_MAX_SITEMAP_BYTES } from '../policies.ts';

export interface SitemapEntry {
  loc: string;
  /** W3C datetime as written, or null. */
  lastmod: string | null;
}

export type Sitemap = { kind: 'urlset'; urls: SitemapEntry[] } | { kind: 'sitemapindex'; sitemaps: SitemapEntry[] };

export class SitemapError extends Error {
  constructor(
    message: string,
    /** True when the sitemap was refused for its size (counted apart from malformed ones). */
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'SitemapError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

/** True when a body looks like a sitemap rather than an HTML page. */
export function looksLikeSitemap(bytes: Uint8Array, contentType: string | null): boolean {
  if (isGzip(bytes)) return true;
  if (contentType && /xml/i.test(contentType) && !/html/i.test(contentType)) return true;
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('utf8');
  return /<(?:[\w-]+:)?(?:urlset|sitemapindex)\b/.test(head);
}

/** Decodes (gunzipping, at most `maxBytes` out, when needed) and parses a sitemap. */
export function parseSitemap(bytes: Uint8Array, maxBytes: number = DEFAULT_MAX_SITEMAP_BYTES): Sitemap {
  if (bytes.byteLength > maxBytes) throw new SitemapError(`sitemap larger than ${maxBytes} bytes`, true);
  let xml: string;
  try {
    // zlib inflates chunk by chunk and gives up as soon as the output passes maxOutputLength,
    // so memory stays bounded by the cap whatever the compression ratio.
    xml = isGzip(bytes)
      ? gunzipSync(bytes, { maxOutputLength: maxBytes }).toString('utf8')
      : Buffer.from(bytes).toString('utf8');
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new SitemapError(`decompressed sitemap larger than ${maxBytes} bytes`, true);
    throw new SitemapError(`the gzipped sitemap cannot be decompressed (${(cause as Error).message})`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SitemapError(`malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  }
  const doc = parser.parse(xml) as Record<string, unknown>;
  const urlset = doc.urlset;
  const index = doc.sitemapindex;
  if (urlset !== undefined) return { kind: 'urlset', urls: entries(urlset, 'url') };
  if (index !== undefined) return { kind: 'sitemapindex', sitemaps: entries(index, 'sitemap') };
  throw new SitemapError('the XML is neither a <urlset> nor a <sitemapindex>');
}

function entries(node: unknown, child: 'url' | 'sitemap'): SitemapEntry[] {
  if (typeof node !== 'object' || node === null) return []; // an empty <urlset/>
  const items = (node as Record<string, unknown>)[child];
  if (!Array.isArray(items)) return [];
  const out: SitemapEntry[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const loc = (item as Record<string, unknown>).loc;
    const lastmod = (item as Record<string, unknown>).lastmod;
    if (typeof loc === 'string' && loc.trim() !== '')
      out.push({
        loc: loc.trim(),
        lastmod: typeof lastmod === 'string' && lastmod.trim() !== '' ? lastmod.trim() : null,
      });
  }
  return out;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
