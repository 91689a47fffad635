/**
 * A per-source daily request budget that survives across runs: the count for the current
 * UTC day lives in the lake (`state/source=<name>/quota/<YYYY-MM-DD>.json`), so two runs
 * on the same day share Adzuna's 250 hits.
 */
import type { ObjectStore } from '../../../providers/core/index.ts';
import { SourceFetchError } from './fetch-error.ts';

interface QuotaFile {
  day: string;
  used: number;
}

export class DailyQuota {
  private day: string | null = null;
  private used = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: string,
    private readonly limit: number,
    private readonly store: ObjectStore,
    private readonly now: () => Date,
  ) {}

  /** Lake key of a day's counter. */
  static keyFor(source: string, day: string): string {
    return `state/source=${source}/quota/${day}.json`;
  }

  /**
   * Counts one request against today's budget, or throws `quota-exhausted` (not
   * retryable) when the budget is spent. Calls are serialized so the count never races.
   */
  take(url: string | null): Promise<number> {
    const next = this.queue.then(() => this.takeNow(url));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Requests left today (after loading the counter). */
  async remaining(): Promise<number> {
    await this.load();
    return Math.max(0, this.limit - this.used);
  }

  private async takeNow(url: string | null): Promise<number> {
    await this.load();
    if (this.used >= this.limit) {
      throw new SourceFetchError(
        `${this.source}: the daily quota of ${this.limit} requests is used up for ${this.day} (UTC); the request was not sent`,
        { code: 'quota-exhausted', source: this.source, url },
      );
    }
    this.used += 1;
    const file: QuotaFile = { day: this.day as string, used: this.used };
    await this.store.put(DailyQuota.keyFor(this.source, file.day), JSON.stringify(file), {
      contentType: 'application/json',
    });
    return this.limit - this.used;
  }

  private async load(): Promise<void> {
    const day = this.now().toISOString().slice(0, 10);
    if (this.day === day) return;
    this.day = day;
    this.used = 0;
    const key = DailyQuota.keyFor(this.source, day);
    if ((await this.store.head(key)) === null) return;
    const parsed = JSON.parse(Buffer.from(await this.store.get(key)).toString('utf8')) as Partial<QuotaFile>;
    this.used = typeof parsed.used === 'number' && parsed.used >= 0 ? parsed.used : 0;
  }
}
