/**
 * A PostgreSQL wire stub for TLS tests: a node:net server on 127.0.0.1 that records the
 * first thing a client sends. A client that means to use TLS opens with an SSLRequest
 * (8 bytes: length 8, code 80877103); the stub answers `N` (no TLS here), so a client
 * that insists on TLS gives up. A client that opens with a StartupMessage is talking in
 * clear: the stub asks for a cleartext password (AuthenticationCleartextPassword) and
 * records the password the client sends, which is exactly the leak the tests look for.
 * Message layouts: PostgreSQL manual, "Message Formats"
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html).
 */
import net from 'node:net';

const SSL_REQUEST_CODE = 80877103;
const PROTOCOL_3 = 196608;

export interface WireStubConnection {
  /** The client opened with an SSLRequest. */
  sslRequest: boolean;
  /** The client sent a StartupMessage with no TLS around it. */
  plainStartup: boolean;
  /** The password the client sent in clear, if it did. */
  clearPassword: string | null;
}

export interface PgWireStub {
  port: number;
  connections: WireStubConnection[];
  close(): Promise<void>;
}

export async function startPgWireStub(): Promise<PgWireStub> {
  const connections: WireStubConnection[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const seen: WireStubConnection = { sslRequest: false, plainStartup: false, clearPassword: null };
    connections.push(seen);
    let buffer = Buffer.alloc(0);
    let startupDone = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!startupDone) {
          // Untyped messages: int32 length (itself included), then int32 code.
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST_CODE) {
            seen.sslRequest = true;
            socket.write('N');
            continue;
          }
          if (code === PROTOCOL_3) {
            seen.plainStartup = true;
            startupDone = true;
            // 'R', length 8, 3 = AuthenticationCleartextPassword.
            const ask = Buffer.alloc(9);
            ask.write('R', 0);
            ask.writeInt32BE(8, 1);
            ask.writeInt32BE(3, 5);
            socket.write(ask);
            continue;
          }
          socket.destroy();
          return;
        }
        // Typed messages: one byte type, int32 length (without the type byte).
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const type = String.fromCharCode(buffer[0]!);
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'p') {
          seen.clearPassword = body.toString('utf8').replace(/\0$/, '');
          socket.end(errorResponse('28P01', 'password authentication failed (wire stub)'));
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function errorResponse(sqlstate: string, message: string): Buffer {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0C${sqlstate}\0M${message}\0`, 'utf8'), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}
