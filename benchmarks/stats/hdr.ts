/**
 * HdrHistogram recording (hdr-histogram-js): latencies from the intended start, in
 * microseconds, 3 significant digits. The encoded histogram goes into the results so a
 * reader can recompute any percentile without the raw samples.
 */
import * as hdr from 'hdr-histogram-js';
import type { SampleBuffer } from './sample-buffer.ts';

/** Latency of each successful sample measured from its intended start, in µs. */
export function recordLatencies(samples: SampleBuffer): hdr.Histogram {
  const histogram = hdr.build({ bitBucketSize: 'packed', numberOfSignificantValueDigits: 3, useWebAssembly: false });
  for (let i = 0; i < samples.count; i++) {
    if (samples.ok[i] !== 1) continue;
    const micros = Math.max(1, Math.round((samples.endMs[i]! - samples.intendedStartMs[i]!) * 1000));
    histogram.recordValue(micros);
  }
  return histogram;
}

export interface HdrSummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** HdrHistogram's compressed base64 encoding (V2), values in µs. */
  encoded: string;
}

export function hdrSummary(samples: SampleBuffer): HdrSummary | null {
  const histogram = recordLatencies(samples);
  try {
    if (histogram.totalCount === 0) return null;
    return {
      count: histogram.totalCount,
      p50Ms: histogram.getValueAtPercentile(50) / 1000,
      p99Ms: histogram.getValueAtPercentile(99) / 1000,
      maxMs: histogram.maxValue / 1000,
      encoded: hdr.encodeIntoCompressedBase64(histogram),
    };
  } finally {
    histogram.destroy();
  }
}

/** Decodes an encoded histogram back (for compare and for tests). */
export function decodeHistogram(encoded: string): hdr.Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 'packed', false);
}
