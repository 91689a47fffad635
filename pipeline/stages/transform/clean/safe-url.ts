/**
 * A posting's URL is kept only when it is an absolute http(s) URL: it ends up as a link
 * in dashboards and exports, where `javascript:`, `data:` or `vbscript:` would run or
 * show attacker content, and a relative or unparseable one leads nowhere.
 *
 * The scheme is read by the WHATWG URL parser, as a browser reads it, so obfuscations
 * ("JaVaScRiPt:", " javascript:", "java\tscript:") are seen for what they are. A kept URL
 * is stored as written, unless it holds characters the parser ignores or escapes
 * (controls, spaces, a lone surrogate): then its parsed form is stored, so what is stored
 * is what a browser would open.
 */

export interface CheckedUrl {
  /** The URL to store, or null. */
  url: string | null;
  /** `url-dropped:scheme=<scheme>` or `url-dropped:unparseable` when a URL was given and not kept. */
  flag: string | null;
}

const NEEDS_NORMALIZING = /[\u0000-\u0020\u007F]|[\uD800-\uDFFF]/;

export function checkPostingUrl(value: unknown): CheckedUrl {
  if (typeof value !== 'string' || value.trim() === '') return { url: null, flag: null };
  const text = value.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { url: null, flag: 'url-dropped:unparseable' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    // The parser lowercases the scheme and allows only [a-z0-9+.-] in it: safe to echo in a flag.
    return { url: null, flag: `url-dropped:scheme=${parsed.protocol.slice(0, -1).slice(0, 32)}` };
  }
  return { url: NEEDS_NORMALIZING.test(text) ? parsed.href : text, flag: null };
}
