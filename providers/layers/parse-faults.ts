/**
 * The `--faults` specification: `reset=0.05,latency=50ms,http503=0.02,unavailable=0.01`.
 * Two layers read it:
 *  - the chaos wrapper (interface level): a ProviderError code with a probability
 *    (`unavailable=0.05`, `throttled=0.01`, `timeout=0.01`, …) and `latency`/`jitter`;
 *  - the fault proxy (HTTP level, between an SDK and its emulator): `reset`, `hang`
 *    (no answer until the client gives up), `http429`, `http503` (with `retry-after`),
 *    `throttle` (bandwidth cap) and `latency`/`jitter`.
 * `seed` fixes the random draws. Probabilities are per operation (wrapper) or per HTTP
 * request (proxy), in [0, 1].
 */
import { RETRYABLE_BY_DEFAULT, type ProviderErrorCode } from '../core/index.ts';

export interface FaultSpec {
  /** Interface-level errors: probability per operation, by ProviderError code. */
  errors: Partial<Record<ProviderErrorCode, number>>;
  /** Added latency per operation or request, ms. */
  latencyMs: number;
  /** Uniform extra latency in [0, jitterMs), ms. */
  jitterMs: number;
  http: {
    reset: number;
    hang: number;
    http429: number;
    http503: number;
    /** Retry-After value sent with 429/503, seconds. */
    retryAfterS: number;
    /** Response bandwidth cap, bytes/s; null for none. */
    throttleBytesPerSec: number | null;
  };
  seed: number;
}

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

export const NO_FAULTS: FaultSpec = Object.freeze({
  errors: {},
  latencyMs: 0,
  jitterMs: 0,
  http: { reset: 0, hang: 0, http429: 0, http503: 0, retryAfterS: 1, throttleBytesPerSec: null },
  seed: 1,
}) as FaultSpec;

function probability(key: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new FaultSpecError(`--faults ${key} must be a probability between 0 and 1, got "${raw}"`);
  return value;
}

/** `50ms`, `1.5s`, `200` (ms) → ms. */
function duration(key: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw.trim());
  if (!match) throw new FaultSpecError(`--faults ${key} must be a duration like 50ms or 2s, got "${raw}"`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/** `256kbps`, `1mbps` (bits/s), `64KB/s`, `1MB/s` (bytes/s) → bytes/s. */
function bandwidth(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(kbps|mbps|KB\/s|MB\/s|B\/s)$/i.exec(raw.trim());
  if (!match)
    throw new FaultSpecError(`--faults throttle must look like 256kbps, 1mbps, 64KB/s or 1MB/s, got "${raw}"`);
  const n = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const factor =
    unit === 'kbps'
      ? 1000 / 8
      : unit === 'mbps'
        ? 1_000_000 / 8
        : unit === 'kb/s'
          ? 1024
          : unit === 'mb/s'
            ? 1024 * 1024
            : 1;
  return n * factor;
}

export function parseFaults(text: string): FaultSpec {
  const spec: FaultSpec = { errors: {}, latencyMs: 0, jitterMs: 0, http: { ...NO_FAULTS.http }, seed: 1 };
  const codes = Object.keys(RETRYABLE_BY_DEFAULT) as ProviderErrorCode[];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`--faults takes key=value pairs separated by commas, got "${part}"`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    switch (key) {
      case 'reset':
      case 'hang':
      case 'http429':
      case 'http503':
        spec.http[key] = probability(key, value);
        break;
      case 'retry-after':
        spec.http.retryAfterS = duration(key, value) / 1000;
        break;
      case 'throttle':
        spec.http.throttleBytesPerSec = bandwidth(value);
        break;
      case 'latency':
        spec.latencyMs = duration(key, value);
        break;
      case 'jitter':
        spec.jitterMs = duration(key, value);
        break;
      case 'seed': {
        const seed = Number(value);
        if (!Number.isInteger(seed)) throw new FaultSpecError(`--faults seed must be an integer, got "${value}"`);
        spec.seed = seed;
        break;
      }
      default:
        if ((codes as string[]).includes(key)) spec.errors[key as ProviderErrorCode] = probability(key, value);
        else
          throw new FaultSpecError(
            `--faults: unknown fault "${key}" (known: reset, hang, http429, http503, retry-after, throttle, latency, jitter, seed, or a ProviderError code: ${codes.join(', ')})`,
          );
    }
  }
  const total = Object.values(spec.errors).reduce((a, b) => a + b, 0);
  if (total > 1) throw new FaultSpecError(`--faults: error probabilities add up to ${total}, more than 1`);
  if (spec.http.reset + spec.http.hang + spec.http.http429 + spec.http.http503 > 1)
    throw new FaultSpecError('--faults: HTTP fault probabilities add up to more than 1');
  return spec;
}

/** True when the spec asks for anything at the HTTP layer. */
export function hasHttpFaults(spec: FaultSpec): boolean {
  const h = spec.http;
  return h.reset > 0 || h.hang > 0 || h.http429 > 0 || h.http503 > 0 || h.throttleBytesPerSec !== null;
}

/** True when the spec asks for anything at the interface layer. */
export function hasInterfaceFaults(spec: FaultSpec): boolean {
  return Object.values(spec.errors).some((p) => p > 0) || spec.latencyMs > 0 || spec.jitterMs > 0;
}
