/**
 * A source yields raw pages exactly as received (the lake keeps them verbatim); parsing
 * happens later, in transform. Sources know nothing of clouds: they get an ObjectStore
 * for their cursors and caches and cannot tell S3 from disk.
 */
import type { Env, ObjectStore } from '../../providers/core/index.ts';

/**
 * Every source jobbench can run, in the order the docs list them: the one list the registry,
 * the command line's `--sources` check and docs/sources/README.md (kept equal by a test) use.
 */
export const SOURCE_NAMES = ['sample', 'adzuna', 'francetravail', 'jsonld', 'wttj'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name);
}

/** Which parser reads a page: a real source's own format (the sample source emits all three). */
export type PayloadFormat = 'adzuna' | 'francetravail' | 'jsonld';

export interface RawPage {
  /** The body as received, byte for byte (decoded as UTF-8). */
  body: string;
  /** File extension in the lake. */
  ext: 'json' | 'html';
  format: PayloadFormat;
  /** Where it came from, with every credential removed (keys travel in Adzuna's query string). */
  url: string | null;
  /** The URL that answered after redirects within the origin (sanitized); absent or equal to `url` when none. */
  finalUrl?: string | null;
  /** HTTP status (200 or 206 for France Travail ranges; 200 for generated pages). */
  status: number;
  /** ISO 8601. */
  fetchedAt: string;
  /**
   * Opaque resume token: once this page is stored, a resumed run passes it back as
   * `resumeCursor` and the source continues after it.
   */
  cursor?: string;
}

/** A structured log line; the CLI decides how (and whether) to show it. */
export interface SourceEvent {
  level: 'debug' | 'info' | 'warn' | 'error';
  source: string;
  message: string;
  /** Never holds a secret: URLs are sanitized before they get here. */
  data?: Record<string, unknown>;
}

/** What the fetch layer did, reported in the results. */
export interface SourceStats {
  requests: number;
  refusedByRobots: number;
  throttled: number;
  retries: number;
  failures: number;
  /** Answers refused because their body (or a decompressed sitemap) passed the byte cap. */
  tooLarge: number;
  /** Redirects not followed (to another origin, or past the hop limit). */
  redirectsRefused: number;
  /** Answers whose body was not valid UTF-8: stored with U+FFFD for the bad bytes, the postings flagged by the transform. */
  invalidUtf8: number;
}

export interface SourceContext {
  runId: string;
  /** Injected clock (tests and the sample generator stay deterministic). */
  now: () => Date;
  env: Env;
  /** The lake, for cursors (`state/`) and caches; never for raw pages (extract writes those). */
  store: ObjectStore;
  /** The last stored page's cursor when resuming an interrupted run, else null. */
  resumeCursor: string | null;
  /**
   * Pages this run stored, then lost to lake corruption, by URL: fetch them again even if
   * the source's own state says they were collected (a source that remembers what it
   * fetched, like jsonld, would otherwise skip them and their postings would be lost).
   */
  refetchUrls?: readonly string[];
  signal?: AbortSignal;
  log: (event: SourceEvent) => void;
}

export interface Source {
  name: string;
  /**
   * True when the pages depend only on the source's options (a seeded generator): every
   * provider of a run can read it afresh and get the same pages. Live sources leave it
   * unset, and a run collects them once for all providers.
   */
  deterministic?: boolean;
  /**
   * Environment variables it cannot run without: the fields its settings table marks
   * required (credentials, jsonld's seeds) and WTTJ's opt-in unless given as an option.
   * `createSources` checks them for every selected source before building any (so before
   * anything is written): a missing one is a ConfigurationError (exit 2) naming every missing
   * variable; an option given in code stands in for its variable.
   */
  requiredEnv: readonly string[];
  pages(context: SourceContext): AsyncIterable<RawPage>;
  /** Counters since the source was created. */
  stats(): SourceStats;
}

export function emptyStats(): SourceStats {
  return {
    requests: 0,
    refusedByRobots: 0,
    throttled: 0,
    retries: 0,
    failures: 0,
    tooLarge: 0,
    redirectsRefused: 0,
    invalidUtf8: 0,
  };
}
