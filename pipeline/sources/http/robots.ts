/**
 * robots.txt per RFC 9309 (https://www.rfc-editor.org/rfc/rfc9309), parsed with
 * `robots-parser`, fetched once per origin and kept for the fetcher's lifetime (one run;
 * §2.4 allows caching up to 24 hours).
 *
 * Status handling (§2.3.1):
 * - 2xx: the rules apply (only the first 500 KiB are parsed, §2.5).
 * - 3xx: followed by fetch (§2.3.1.2 asks for at least five hops).
 * - 4xx "unavailable": no rules, everything allowed (§2.3.1.3). 429 is the exception:
 *   it says "slow down", not "no file", so it is treated like 5xx.
 * - 5xx or no answer "unreachable": everything disallowed (§2.3.1.4).
 */
import robotsParserModule from 'robots-parser';
import { PRODUCT_TOKEN } from './user-agent.ts';

/** The robots.txt of one origin, as far as jobbench is concerned. */
export interface RobotsVerdictSource {
  /** Whether the URL may be fetched. */
  isAllowed(url: string): boolean;
  /** Crawl-delay for jobbench (not in RFC 9309, but a clear wish of the site), in ms. */
  crawlDelayMs: number | null;
  /** `Sitemap:` lines. */
  sitemaps: string[];
  /** How the verdict was reached, for logs. */
  basis: 'rules' | 'unavailable-allow-all' | 'unreachable-disallow-all';
  status: number | null;
}

/** What fetching `/robots.txt` returned: an HTTP answer, or null when there was none. */
export type RobotsFetch = (robotsUrl: string) => Promise<{ status: number; body: string } | null>;

type RobotsParser = typeof import('robots-parser').default;
// robots-parser is CommonJS (`module.exports = fn`) while its typings declare an ES default
// export: under Node's ESM interop the default import *is* the function.
const robotsParser = ((robotsParserModule as unknown as { default?: RobotsParser }).default ??
  robotsParserModule) as RobotsParser;

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; jobbench reads no more. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

export class RobotsCache {
  private readonly entries = new Map<string, Promise<RobotsVerdictSource>>();

  constructor(private readonly fetchRobots: RobotsFetch) {}

  /** The verdict source for a URL's origin, fetching robots.txt the first time. */
  forUrl(url: string): Promise<RobotsVerdictSource> {
    const origin = new URL(url).origin;
    let entry = this.entries.get(origin);
    if (!entry) {
      entry = this.load(origin);
      this.entries.set(origin, entry);
    }
    return entry;
  }

  private async load(origin: string): Promise<RobotsVerdictSource> {
    const robotsUrl = `${origin}/robots.txt`;
    const answer = await this.fetchRobots(robotsUrl);
    if (answer === null || answer.status === 429 || answer.status >= 500) {
      return {
        isAllowed: () => false,
        crawlDelayMs: null,
        sitemaps: [],
        basis: 'unreachable-disallow-all',
        status: answer?.status ?? null,
      };
    }
    if (answer.status >= 400) {
      return {
        isAllowed: () => true,
        crawlDelayMs: null,
        sitemaps: [],
        basis: 'unavailable-allow-all',
        status: answer.status,
      };
    }
    const text =
      Buffer.byteLength(answer.body, 'utf8') > MAX_ROBOTS_BYTES
        ? Buffer.from(answer.body, 'utf8').subarray(0, MAX_ROBOTS_BYTES).toString('utf8')
        : answer.body;
    const robots = robotsParser(robotsUrl, text);
    const delaySeconds = robots.getCrawlDelay(PRODUCT_TOKEN);
    return {
      // robots-parser answers undefined for another origin: never the case here, but refuse rather than guess.
      isAllowed: (target) => robots.isAllowed(target, PRODUCT_TOKEN) === true,
      crawlDelayMs: typeof delaySeconds === 'number' && delaySeconds > 0 ? Math.round(delaySeconds * 1000) : null,
      sitemaps: robots.getSitemaps(),
      basis: 'rules',
      status: answer.status,
    };
  }
}
