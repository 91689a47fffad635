/**
 * What a scraping source refused to keep, and why, kept in the lake at
 * `state/source=<name>/refused/<runId>.json` — a page or sitemap over the byte cap, a
 * redirect to another origin — so a run can be reviewed after the fact (the events on
 * stderr are gone by then, the manifest holds only counts). A resumed run appends to the
 * same file. URLs are sanitized and reasons carry no credential (the fetcher masked them).
 */
import type { ObjectStore } from '../../providers/core/index.ts';

export interface Refusal {
  /** Sanitized URL asked for. */
  url: string;
  /** `too-large` or `redirect-refused`. */
  code: string;
  /** The one-line reason, e.g. "response larger than 10485760 bytes". */
  reason: string;
  /** ISO 8601. */
  at: string;
}

export function refusalKey(source: string, runId: string): string {
  return `state/source=${source}/refused/${runId}.json`;
}

export class RefusalLog {
  private entries: Refusal[] | null = null;

  constructor(
    private readonly store: ObjectStore,
    private readonly source: string,
    private readonly runId: string,
  ) {}

  /** Appends one refusal and rewrites the run's file (a handful per run at most). */
  async record(refusal: Refusal): Promise<void> {
    const key = refusalKey(this.source, this.runId);
    if (this.entries === null) {
      this.entries =
        (await this.store.head(key)) === null
          ? []
          : (JSON.parse(Buffer.from(await this.store.get(key)).toString('utf8')) as Refusal[]);
    }
    this.entries.push(refusal);
    await this.store.put(key, JSON.stringify(this.entries, null, 1), { contentType: 'application/json' });
  }
}
