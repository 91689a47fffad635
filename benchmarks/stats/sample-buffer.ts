/**
 * Raw per-operation samples of a scenario (warp, HdrHistogram: keep every sample,
 * summarize later). Kept in growable typed arrays so recording costs well under a
 * microsecond and no object per operation. Times are ms on one monotonic clock.
 */

/** One operation as stored in the samples file. */
export interface OperationSample {
  repetition: number;
  /** When the operation should have started (the schedule, with a target rate) — latency is measured from here. */
  intendedStartMs: number;
  startMs: number;
  endMs: number;
  bytes: number;
  ok: boolean;
  /** ProviderError code of a failed operation. */
  error: string | null;
}

export class SampleBuffer {
  count = 0;
  repetition = new Uint16Array(256);
  intendedStartMs = new Float64Array(256);
  startMs = new Float64Array(256);
  endMs = new Float64Array(256);
  bytes = new Float64Array(256);
  ok = new Uint8Array(256);
  /** Error codes by sample index (sparse: failures are rare). */
  readonly errors = new Map<number, string>();

  push(
    repetition: number,
    intendedStartMs: number,
    startMs: number,
    endMs: number,
    bytes: number,
    ok: boolean,
    error?: string,
  ): void {
    if (this.count === this.ok.length) this.grow();
    const i = this.count++;
    this.repetition[i] = repetition;
    this.intendedStartMs[i] = intendedStartMs;
    this.startMs[i] = startMs;
    this.endMs[i] = endMs;
    this.bytes[i] = bytes;
    this.ok[i] = ok ? 1 : 0;
    if (!ok) this.errors.set(i, error ?? 'unknown');
  }

  at(i: number): OperationSample {
    return {
      repetition: this.repetition[i]!,
      intendedStartMs: this.intendedStartMs[i]!,
      startMs: this.startMs[i]!,
      endMs: this.endMs[i]!,
      bytes: this.bytes[i]!,
      ok: this.ok[i] === 1,
      error: this.errors.get(i) ?? null,
    };
  }

  toArray(): OperationSample[] {
    return Array.from({ length: this.count }, (_, i) => this.at(i));
  }

  static from(samples: readonly OperationSample[]): SampleBuffer {
    const buffer = new SampleBuffer();
    for (const s of samples)
      buffer.push(s.repetition, s.intendedStartMs, s.startMs, s.endMs, s.bytes, s.ok, s.error ?? undefined);
    return buffer;
  }

  private grow(): void {
    const size = this.ok.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Uint16Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.repetition = grow(this.repetition, new Uint16Array(size));
    this.intendedStartMs = grow(this.intendedStartMs, new Float64Array(size));
    this.startMs = grow(this.startMs, new Float64Array(size));
    this.endMs = grow(this.endMs, new Float64Array(size));
    this.bytes = grow(this.bytes, new Float64Array(size));
    this.ok = grow(this.ok, new Uint8Array(size));
  }
}
