/**
 * The few S3 REST calls the S3 object store makes (path-style CreateBucket, PutObject,
 * GetObject, HeadObject, DeleteObject, ListObjectsV2), kept in memory behind node:http on
 * 127.0.0.1. It stands in for moto behind the fault proxy in tests that must run without
 * the shared emulators: the S3 SDK, its handler and its timeouts are the real ones. Not an
 * S3 emulator: no auth, no versions, no multipart, one page per listing.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MemoryS3Server {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stored objects by `bucket/key`. */
  objects: Map<string, Buffer>;
  close(): Promise<void>;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function notFound(response: http.ServerResponse, head: boolean): void {
  const body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>not found</Message></Error>';
  response.writeHead(404, { 'content-type': 'application/xml', 'content-length': head ? 0 : Buffer.byteLength(body) });
  response.end(head ? undefined : body);
}

export async function startMemoryS3(): Promise<MemoryS3Server> {
  const objects = new Map<string, Buffer>();
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://s3.local');
      const [bucket = '', ...rest] = url.pathname.slice(1).split('/');
      const key = decodeURIComponent(rest.join('/'));
      const id = `${bucket}/${key}`;
      const method = request.method ?? 'GET';
      if (method === 'PUT' && key === '') {
        response.writeHead(200).end();
      } else if (method === 'PUT') {
        objects.set(id, Buffer.concat(chunks));
        response.writeHead(200, { etag: '"0"' }).end();
      } else if (method === 'DELETE') {
        objects.delete(id);
        response.writeHead(204).end();
      } else if (method === 'GET' && key === '' && url.searchParams.get('list-type') === '2') {
        const prefix = `${bucket}/${url.searchParams.get('prefix') ?? ''}`;
        const contents = [...objects.entries()]
          .filter(([name]) => name.startsWith(prefix))
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, body]) => `<Contents><Key>${escapeXml(name.slice(bucket.length + 1))}</Key><Size>${body.length}</Size></Contents>`)
          .join('');
        const body = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${escapeXml(bucket)}</Name><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`;
        response.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
      } else if (method === 'GET' || method === 'HEAD') {
        const body = objects.get(id);
        if (!body) return notFound(response, method === 'HEAD');
        response.writeHead(200, { 'content-length': body.length, 'last-modified': new Date().toUTCString(), etag: '"0"' });
        response.end(method === 'HEAD' ? undefined : body);
      } else {
        response.writeHead(405).end();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
