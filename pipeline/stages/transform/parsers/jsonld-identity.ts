/**
 * Which string identifies a JSON-LD posting (its `sourceId`), and on what basis. A
 * scraped page rarely names its job the way an API does: many JobPosting blocks carry
 * neither `identifier` nor `url` (Welcome to the Jungle's do not), so the page's own
 * address has to stand in, and when even that is unknown, the content itself.
 *
 * Precedence, most deliberate first; the shape of `sourceId` records which one was used:
 *
 * | basis        | source                                                        | `sourceId`                          |
 * |--------------|---------------------------------------------------------------|-------------------------------------|
 * | `identifier` | JobPosting `identifier` (text, number or PropertyValue)        | `host:identifier` (bare without a host) |
 * | `url`        | JobPosting `url`                                               | the URL                             |
 * | `page-url`   | the URL the page was fetched from (lake `.meta.json` `url`, or `jobbench transform --page-url`) | the URL, `#n` when the page holds several postings |
 * | `canonical`  | the page's `<link rel="canonical">`, else its `og:url`         | the URL + `#canonical` (`#canonical-n`) |
 * | `content`    | SHA-256 of the JobPosting object, keys sorted                  | `content:` + 24 hex characters      |
 *
 * `rel="canonical"`: RFC 6596 ("The Canonical Link Relation", read 2026-12-04) — the
 * preferred URI of a page's content. `og:url`: the Open Graph protocol (ogp.me, read
 * 2026-12-04) — "the canonical URL of your object that will be used as its permanent ID
 * in the graph", absolute by definition; relative values are ignored here too.
 *
 * A content id is stable for identical content only: an employer who edits the ad gets
 * a new id (the dedupe then folds the two copies as the same job on the same site).
 */
import { createHash } from 'node:crypto';
import { stableStringify } from '../../../../providers/core/index.ts';
import { stringOrNull } from '../clean/build-posting.ts';
import { identifierOf } from './jsonld-fields.ts';

export type IdentityBasis = 'identifier' | 'url' | 'page-url' | 'canonical' | 'content';

export const CANONICAL_MARK = '#canonical';
export const CONTENT_PREFIX = 'content:';

export interface PostingIdentity {
  sourceId: string;
  /** The posting's address for `posting.url`: its own, else the page's; null for a content id. */
  url: string | null;
  basis: IdentityBasis;
}

/** Where the page itself lives, as far as the transform knows. */
export interface PageAddress {
  /** The URL the page was fetched from (`RawPage.url` in the lake's meta, `--page-url`). */
  pageUrl?: string | null;
  /** The page's canonical link / og:url; a function because it is read only when needed. */
  canonical?: () => string | null;
}

/** An absolute http(s) URL without its fragment, or null. */
export function absoluteHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    if (!url.hostname) return null;
    const hash = text.indexOf('#');
    return hash >= 0 ? text.slice(0, hash) : text;
  } catch {
    return null;
  }
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** 96 bits of SHA-256 over the JobPosting object with its keys sorted. */
export function contentId(node: Record<string, unknown>): string {
  return `${CONTENT_PREFIX}${createHash('sha256').update(stableStringify(node)).digest('hex').slice(0, 24)}`;
}

/**
 * A stated `url`: absolute as written (any scheme); a relative one ("/jobs/42") resolved
 * against the page's address as a browser would, or dropped when the page's address is
 * unknown (a path alone names no site).
 */
function statedUrl(value: unknown, base: () => string | null): string | null {
  const text = stringOrNull(value)?.trim() ?? null;
  if (text === null) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return text;
  const from = base();
  if (from === null) return null;
  try {
    const url = new URL(text, from);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The identity of the `index`-th of `count` JobPosting objects of a page. */
export function postingIdentity(
  node: Record<string, unknown>,
  index: number,
  count: number,
  page: PageAddress,
): PostingIdentity {
  const pageUrl = stringOrNull(page.pageUrl)?.trim() ?? null;
  let canonicalRead = false;
  let canonicalUrl: string | null = null;
  const canonical = () => {
    if (!canonicalRead) canonicalUrl = absoluteHttpUrl(page.canonical?.() ?? null);
    canonicalRead = true;
    return canonicalUrl;
  };
  const ownUrl = statedUrl(node.url, () => pageUrl ?? canonical());
  const address = ownUrl ?? pageUrl ?? canonical();
  // Identifiers are unique per site only: the site's host makes them unique across boards.
  const identifier = identifierOf(node.identifier);
  if (identifier) {
    const host = hostOf(address);
    return { sourceId: host ? `${host}:${identifier}` : identifier, url: address, basis: 'identifier' };
  }
  if (ownUrl) return { sourceId: ownUrl, url: ownUrl, basis: 'url' };
  if (pageUrl) return { sourceId: count > 1 ? `${pageUrl}#${index}` : pageUrl, url: pageUrl, basis: 'page-url' };
  const fromPage = canonical();
  if (fromPage)
    return {
      sourceId: `${fromPage}${CANONICAL_MARK}${count > 1 ? `-${index}` : ''}`,
      url: fromPage,
      basis: 'canonical',
    };
  return { sourceId: contentId(node), url: null, basis: 'content' };
}

/**
 * The basis of a JSON-LD `sourceId`, read back from its shape. `url` covers both the
 * JobPosting's own url and the page URL (both are the ad's address; a `#n` suffix can
 * only come from a page URL).
 */
export function identityBasisOf(sourceId: string): IdentityBasis {
  if (sourceId.startsWith(CONTENT_PREFIX)) return 'content';
  if (/^https?:\/\//i.test(sourceId)) {
    if (/#canonical(?:-\d+)?$/.test(sourceId)) return 'canonical';
    return /#\d+$/.test(sourceId) ? 'page-url' : 'url';
  }
  return 'identifier';
}
