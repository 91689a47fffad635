import type { Posting } from '../../../../providers/core/index.ts';

/** Where a payload came from, stamped on every posting parsed from it. */
export interface ParseContext {
  /** Source name stored on the posting (`sample`, `adzuna`, …). */
  source: string;
  /** Lake key of the raw object. */
  rawKey: string;
  /** ISO 8601 time the page was fetched. */
  collectedAt: string;
  /**
   * The page's URL (`RawPage.url`), when known: JSON-LD postings without `identifier`
   * or `url` take their source id from it.
   */
  pageUrl?: string | null;
}

/** A record that could not become a canonical posting, and why. Nothing is dropped silently. */
export interface Reject {
  reason: string;
  /** Index of the record in the payload, or null when the whole payload is bad. */
  index: number | null;
  /** The offending record (or a prefix of the payload), kept for the quarantine. */
  record: unknown;
}

export interface ParseResult {
  postings: Posting[];
  rejects: Reject[];
}
