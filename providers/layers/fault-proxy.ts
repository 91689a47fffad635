/**
 * A fault-injecting loopback HTTP proxy for the layer under the SDKs: it listens on
 * 127.0.0.1 (port 0), forwards every request to one upstream origin (an emulator) and,
 * per request, with seeded probabilities: resets the connection, hangs (answers
 * nothing until the client gives up), answers 429 or 503 with Retry-After, adds
 * latency, or caps the response bandwidth. Point a provider's endpoint variable at
 * `proxy.url` and its real SDK meets real network faults.
 *
 * Only loopback upstreams are accepted: this is a test instrument for emulators, never
 * a man in the middle of a real cloud endpoint.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import type { FaultSpec } from './parse-faults.ts';
import { seededRandom } from '../../lib/seeded-random.ts';

export interface FaultProxyStats {
  requests: number;
  forwarded: number;
  reset: number;
  hang: number;
  /**
   * Hung requests whose client closed the connection before the proxy let go: a client
   * with a request timeout. A hang that only the proxy's `hangLimitMs` ended means the
   * client would have waited for ever.
   */
  hangClosedByClient: number;
  http429: number;
  http503: number;
  delayed: number;
  throttled: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  stats: FaultProxyStats;
  /** Faults injected so far (everything but plain forwards and delays). */
  faultsInjected(): number;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** Upstream origin, e.g. `http://127.0.0.1:46695`. */
  target: string;
  spec: FaultSpec;
  /** Longest a hung request is held before the socket is destroyed (default 30 s). */
  hangLimitMs?: number;
  /** Requests forwarded untouched before faults begin (default 0), e.g. a provider's bucket check. */
  passFirst?: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Passes bytes through at most `bytesPerSec`, in slices of a tenth of a second each, so a
 * slow body trickles in (a client sees bytes arrive, not one late burst).
 */
class Throttle extends Transform {
  private readonly started = performance.now();
  private sent = 0;
  private readonly slice: number;
  constructor(private readonly bytesPerSec: number) {
    super();
    this.slice = Math.max(1, Math.floor(bytesPerSec / 10));
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const from = (offset: number): void => {
      if (offset >= chunk.length) {
        callback();
        return;
      }
      const piece = chunk.subarray(offset, offset + this.slice);
      this.sent += piece.length;
      const due = (this.sent / this.bytesPerSec) * 1000 - (performance.now() - this.started);
      setTimeout(
        () => {
          this.push(piece);
          from(offset + piece.length);
        },
        Math.max(0, due),
      );
    };
    from(0);
  }
}

function errorBody(status: number, request: http.IncomingMessage): { type: string; body: string } {
  const wantsJson = /json/i.test(`${request.headers.accept ?? ''} ${request.headers['content-type'] ?? ''}`);
  const code = status === 429 ? 'SlowDown' : 'ServiceUnavailable';
  if (wantsJson)
    return {
      type: 'application/json',
      body: JSON.stringify({
        error: {
          code: status,
          message: 'injected fault',
          errors: [{ reason: status === 429 ? 'rateLimitExceeded' : 'backendError', message: 'injected fault' }],
        },
      }),
    };
  return {
    type: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected fault</Message></Error>`,
  };
}

type HttpFault = 'reset' | 'hang' | 'http429' | 'http503';

/** The fault a draw in [0, 1) picks: each fault owns a slice of the unit interval, in this order; past them, none. */
function faultFor(draw: number, probabilities: FaultSpec['http']): HttpFault | null {
  let edge = 0;
  for (const fault of ['reset', 'hang', 'http429', 'http503'] as const) {
    edge += probabilities[fault];
    if (draw < edge) return fault;
  }
  return null;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.target);
  if (!LOOPBACK.has(upstream.hostname))
    throw new Error(`the fault proxy only forwards to loopback emulators, not ${upstream.hostname}`);
  const random = seededRandom(options.spec.seed);
  const { http: h, latencyMs, jitterMs } = options.spec;
  const stats: FaultProxyStats = {
    requests: 0,
    forwarded: 0,
    reset: 0,
    hang: 0,
    hangClosedByClient: 0,
    http429: 0,
    http503: 0,
    delayed: 0,
    throttled: 0,
  };
  const sockets = new Set<Socket>();
  let closing = false;
  const agent = new http.Agent({ keepAlive: true });

  const server = http.createServer((request, response) => {
    stats.requests++;
    const spared = stats.requests <= (options.passFirst ?? 0);
    // Draws happen in arrival order, before any await, so a seed replays the same faults.
    const draw = spared ? 1 : random();
    const delay = spared ? 0 : latencyMs + (jitterMs > 0 ? random() * jitterMs : 0);
    const fault = faultFor(draw, h);
    const act = () => {
      if (fault === 'reset') {
        stats.reset++;
        request.socket.destroy();
        return;
      }
      if (fault === 'hang') {
        stats.hang++;
        let released = false;
        const timer = setTimeout(() => {
          released = true;
          request.socket.destroy();
        }, options.hangLimitMs ?? 30_000);
        request.socket.once('close', () => {
          clearTimeout(timer);
          if (!released && !closing) stats.hangClosedByClient++;
        });
        request.resume();
        return;
      }
      if (fault === 'http429' || fault === 'http503') {
        stats[fault]++;
        const status = fault === 'http429' ? 429 : 503;
        const { type, body } = errorBody(status, request);
        request.resume();
        response.writeHead(status, {
          'content-type': type,
          'retry-after': String(Math.ceil(h.retryAfterS)),
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
        return;
      }
      stats.forwarded++;
      const forward = http.request(
        {
          protocol: upstream.protocol,
          hostname: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          if (h.throttleBytesPerSec && !spared) {
            stats.throttled++;
            response.flushHeaders(); // the headers on time, only the body slow
            answer.pipe(new Throttle(h.throttleBytesPerSec)).pipe(response);
          } else answer.pipe(response);
        },
      );
      forward.on('error', () => request.socket.destroy());
      request.pipe(forward);
    };
    if (delay > 0) {
      stats.delayed++;
      request.pause();
      setTimeout(act, delay);
    } else act();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    faultsInjected: () => stats.reset + stats.hang + stats.http429 + stats.http503,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
