/**
 * One Bottleneck limiter per host (scheme + host + port): at most one request in flight
 * and a minimum gap between two starts, so a policy's rate holds per host even when a
 * source fetches from several.
 */
import Bottleneck from 'bottleneck';

export class HostLimiters {
  private readonly limiters = new Map<string, Bottleneck>();
  private readonly gaps = new Map<string, number>();

  constructor(private readonly defaultGapMs: number) {}

  /** Runs `task` when the host's limiter lets it through. */
  schedule<T>(origin: string, task: () => Promise<T>): Promise<T> {
    return this.limiterFor(origin).schedule(task);
  }

  /** Raises (never lowers) a host's gap, e.g. to honour a robots.txt Crawl-delay. */
  raiseGap(origin: string, gapMs: number): void {
    const current = this.gaps.get(origin) ?? this.defaultGapMs;
    if (gapMs <= current) return;
    this.gaps.set(origin, gapMs);
    this.limiterFor(origin).updateSettings({ minTime: gapMs });
  }

  /** Current gap for a host, in ms. */
  gapFor(origin: string): number {
    return this.gaps.get(origin) ?? this.defaultGapMs;
  }

  private limiterFor(origin: string): Bottleneck {
    let limiter = this.limiters.get(origin);
    if (!limiter) {
      limiter = new Bottleneck({ maxConcurrent: 1, minTime: this.gapFor(origin) });
      this.limiters.set(origin, limiter);
    }
    return limiter;
  }
}
