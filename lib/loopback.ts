/**
 * "This machine", the one place it is decided: where a plain connection, an unchecked
 * certificate or a credential over http may go. Only addresses that cannot leave the
 * host: 127.0.0.0/8, ::1 (also as ::ffff:127.x), the name `localhost`, and a unix-socket
 * directory (pg reads a host starting with `/` as one). Not `*.localhost` nor a name like
 * `127.evil.example`: Node resolves those through getaddrinfo and DNS, anywhere.
 */
import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

export function isLoopbackHost(host: string): boolean {
  if (host.startsWith('/')) return true;
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  return family === 4 ? LOOPBACK.check(bare, 'ipv4') : family === 6 ? LOOPBACK.check(bare, 'ipv6') : false;
}
