/**
 * A loopback HTTP proxy that forwards every request to one emulator and records its method
 * and URL: the permission test points a cloud SDK at it and learns which storage requests
 * the code really sends (multipart uploads included), not what a reader of the code expects.
 * Only loopback upstreams are accepted: it is a test instrument for emulators.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the SDK sent it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent (percent-encoded). */
  url: string;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(upstream.hostname))
    throw new Error(`the recording proxy only forwards to loopback emulators, not ${upstream.hostname}`);
  const requests: RecordedRequest[] = [];
  const server = http.createServer((incoming, answer) => {
    requests.push({ method: incoming.method ?? 'GET', url: incoming.url ?? '/' });
    const outgoing = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (reply) => {
        answer.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(answer);
      },
    );
    outgoing.on('error', () => answer.destroy());
    incoming.pipe(outgoing);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
