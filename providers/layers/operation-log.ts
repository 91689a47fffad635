/**
 * Raw per-operation samples, kept compactly (growable typed arrays) so metering a
 * million operations costs a few tens of MB, not a million objects. Statistics are
 * computed later by pure functions (warp, HdrHistogram: keep samples, summarize after).
 */

export interface OperationSeries {
  /** Operation name, e.g. `store.put`. */
  readonly operation: string;
  /** Number of samples. */
  readonly count: number;
  /** Start of each operation, ms since the log was created. */
  readonly startMs: Float64Array;
  /** Duration of each operation in ms. */
  readonly durationMs: Float64Array;
  /** Payload bytes moved by each operation (0 when none). */
  readonly bytes: Float64Array;
  /** 1 when the operation succeeded, 0 when it threw. */
  readonly ok: Uint8Array;
}

class GrowableSeries implements OperationSeries {
  count = 0;
  startMs = new Float64Array(256);
  durationMs = new Float64Array(256);
  bytes = new Float64Array(256);
  ok = new Uint8Array(256);
  /** Error codes of failed operations, by code. */
  readonly errors = new Map<string, number>();

  constructor(readonly operation: string) {}

  push(start: number, duration: number, bytes: number, ok: boolean): void {
    if (this.count === this.durationMs.length) this.grow();
    const i = this.count++;
    this.startMs[i] = start;
    this.durationMs[i] = duration;
    this.bytes[i] = bytes;
    this.ok[i] = ok ? 1 : 0;
  }

  private grow(): void {
    const size = this.durationMs.length * 2;
    const copy = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.startMs = copy(this.startMs, (n) => new Float64Array(n));
    this.durationMs = copy(this.durationMs, (n) => new Float64Array(n));
    this.bytes = copy(this.bytes, (n) => new Float64Array(n));
    this.ok = copy(this.ok, (n) => new Uint8Array(n));
  }
}

/** Trimmed views of a series (no spare capacity). */
export interface SeriesSnapshot extends OperationSeries {
  errors: Record<string, number>;
}

export class OperationLog {
  private readonly origin = performance.now();
  private readonly series = new Map<string, GrowableSeries>();

  /** ms since this log was created: the time base of every sample. */
  now(): number {
    return performance.now() - this.origin;
  }

  record(operation: string, startMs: number, durationMs: number, bytes: number, ok: boolean, errorCode?: string): void {
    let series = this.series.get(operation);
    if (!series) {
      series = new GrowableSeries(operation);
      this.series.set(operation, series);
    }
    series.push(startMs, durationMs, bytes, ok);
    if (!ok) series.errors.set(errorCode ?? 'unknown', (series.errors.get(errorCode ?? 'unknown') ?? 0) + 1);
  }

  operations(): string[] {
    return [...this.series.keys()].sort();
  }

  snapshot(operation: string): SeriesSnapshot | null {
    const s = this.series.get(operation);
    if (!s) return null;
    return {
      operation,
      count: s.count,
      startMs: s.startMs.slice(0, s.count),
      durationMs: s.durationMs.slice(0, s.count),
      bytes: s.bytes.slice(0, s.count),
      ok: s.ok.slice(0, s.count),
      errors: Object.fromEntries(s.errors),
    };
  }
}
