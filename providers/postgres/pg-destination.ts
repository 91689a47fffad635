/**
 * Where the `pg` driver will really connect, worked out with the driver's own URL parser
 * (`pg-connection-string`, a dependency of `pg`), so the TLS decision and the connection
 * can never disagree. The driver connects to a `host=` / `port=` query parameter before
 * the URL's host name (the last one wins when repeated), and to PGHOST / PGPORT when
 * the URL names no host. The settings handed to the driver are built here, explicitly,
 * from the same parse: pg gets no connection string to re-read and no host to fall back on.
 */
import { isIP } from 'node:net';
import { parse } from 'pg-connection-string';
import { isLoopbackHost, ProviderError, type Env } from '../core/index.ts';

/** A host name, an IPv4/IPv6 address or a unix-socket directory, and a port. */
export interface PgDestination {
  host: string;
  port: number;
  /** A loopback address or a unix socket: traffic never leaves this machine. */
  local: boolean;
}

/** What `pg.Pool` is given: no connection string, so nothing is parsed twice. */
export interface PgDriverSettings {
  host: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  application_name?: string;
  options?: string;
  statement_timeout?: number;
  lock_timeout?: number;
  idle_in_transaction_session_timeout?: number;
}

/**
 * Query parameters honoured as the driver would: the login, the session's settings, and
 * where to connect (the TLS decision follows `host` and `port`).
 */
const HONOURED_PARAMS = [
  'host',
  'port',
  'user',
  'password',
  'application_name',
  'options',
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
];

/**
 * TLS parameters are dropped before parsing: TLS is the provider's PG_TLS setting, which
 * is always verify-full off this machine, so they could only weaken it (pg lets `ssl=0`
 * or `sslmode=disable` override its `ssl` option) or make the parser read files
 * (`sslrootcert`, `sslkey`).
 */
const TLS_PARAMS = [
  'ssl',
  'sslmode',
  'sslcert',
  'sslkey',
  'sslrootcert',
  'sslpassword',
  'sslcompression',
  'sslnegotiation',
  'sslsni',
  'uselibpqcompat',
  'requiressl',
];

/**
 * Anything else is refused by name: libpq's `hostaddr`, `service`, `target_session_attrs`,
 * `load_balance_hosts` route connections in ways pg does not follow, and pg-only ones like
 * `binary` or `client_encoding` change how results are read.
 */
function refused(provider: string, reason: string): ProviderError {
  return ProviderError.because(provider, 'config', 'invalid-config', reason);
}

/** A parameter name for a message: it comes from the URL, so it is cut and kept printable. */
const printable = (name: string) => name.replace(/[^\w.-]/g, '?').slice(0, 40);

/** A DNS name or an IP address, nothing that could carry a port, a path or a second host. */
function isHostName(host: string): boolean {
  if (isIP(host) !== 0) return true;
  return host.length <= 253 && /^(?!-)[A-Za-z0-9_-]{1,63}(?:\.(?!-)[A-Za-z0-9_-]{1,63})*\.?$/.test(host);
}

function checkHost(provider: string, host: string, from: string): string {
  if (host.includes(',')) throw refused(provider, `${from} names several hosts; jobbench connects to exactly one`);
  if (host.startsWith('/')) {
    if (/[\0\s]/.test(host)) throw refused(provider, `${from} is not a usable unix-socket directory`);
    return host;
  }
  if (!isHostName(host)) throw refused(provider, `${from} is not a host name or an IP address`);
  return host;
}

function checkPort(provider: string, port: string, from: string): number {
  const value = /^\d{1,5}$/.test(port) ? Number(port) : 0;
  if (value < 1 || value > 65535) throw refused(provider, `${from} must be a port number (1-65535)`);
  return value;
}

/** The query string of a URL as WHATWG URL (and so pg-connection-string) splits it. */
function splitQuery(url: string): { base: string; query: URLSearchParams } {
  const withoutFragment = url.split('#', 1)[0]!;
  const at = withoutFragment.indexOf('?');
  if (at < 0) return { base: withoutFragment, query: new URLSearchParams() };
  return { base: withoutFragment.slice(0, at), query: new URLSearchParams(withoutFragment.slice(at + 1)) };
}

const optionalNumber = (value: unknown) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
const optionalText = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Parses a connection URL (or, without one, the PG* variables of `env`) into the
 * destination and the driver's settings. Throws `invalid-config` naming what is wrong,
 * never echoing the URL (it may hold a password).
 */
export function resolvePgConnection(
  connectionString: string | undefined,
  env: Env,
  provider = 'postgres',
): { destination: PgDestination; settings: PgDriverSettings } {
  let parsed: Record<string, unknown> = {};
  if (connectionString !== undefined) {
    if (!/^postgres(ql)?:\/\//i.test(connectionString))
      throw refused(provider, 'the database URL must start with postgres:// or postgresql://');
    const { base, query } = splitQuery(connectionString);
    const kept = new URLSearchParams();
    for (const [name, value] of query) {
      if (TLS_PARAMS.includes(name)) continue;
      if (!HONOURED_PARAMS.includes(name)) {
        throw refused(
          provider,
          `the database URL parameter "${printable(name)}" is not supported (accepted: ${HONOURED_PARAMS.join(', ')}; TLS comes from the PG_TLS setting)`,
        );
      }
      kept.append(name, value);
    }
    try {
      parsed = parse(kept.size > 0 ? `${base}?${kept.toString()}` : base) as Record<string, unknown>;
    } catch (cause) {
      throw ProviderError.because(provider, 'config', 'invalid-config', 'the database URL cannot be parsed', { cause });
    }
  }
  // pg falls back on PGHOST / PGPORT, then localhost:5432, when the URL leaves them empty.
  const urlHost = optionalText(parsed.host);
  const host = urlHost
    ? checkHost(provider, urlHost, 'the database URL host')
    : checkHost(provider, optionalText(env.PGHOST) ?? 'localhost', 'PGHOST');
  const urlPort = optionalText(parsed.port);
  const port = urlPort
    ? checkPort(provider, urlPort, 'the database URL port')
    : checkPort(provider, optionalText(env.PGPORT) ?? '5432', 'PGPORT');

  const settings: PgDriverSettings = { host, port };
  const user = optionalText(parsed.user) ?? optionalText(env.PGUSER);
  const password = optionalText(parsed.password) ?? optionalText(env.PGPASSWORD);
  const database = optionalText(parsed.database) ?? optionalText(env.PGDATABASE);
  if (user) settings.user = user;
  if (password) settings.password = password;
  if (database) settings.database = database;
  const applicationName = optionalText(parsed.application_name);
  if (applicationName) settings.application_name = applicationName;
  const options = optionalText(parsed.options);
  if (options) settings.options = options;
  for (const name of ['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'] as const) {
    const value = optionalNumber(parsed[name]);
    if (value !== undefined) settings[name] = value;
  }
  return { destination: { host, port, local: isLoopbackHost(host) }, settings };
}
