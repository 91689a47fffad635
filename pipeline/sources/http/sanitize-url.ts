/**
 * Removes credentials from URLs before they reach a log line, an error message, a
 * RawPage or the lake. Adzuna carries its keys in the query string (`app_id`,
 * `app_key`), OAuth flows may echo `access_token`, and any URL may hold `user:pass@`.
 */
import { SecretMask } from './secret-mask.ts';

/** Query parameters always removed, whatever their value. */
const SECRET_PARAMS = new Set([
  'app_id',
  'app_key',
  'client_id',
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
]);

/** Any parameter whose name mentions one of these is treated as a secret too. */
const SECRET_NAME = /key|token|secret|password|passwd|signature|credential/i;

/** True when a query parameter name is one we never keep. */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase()) || SECRET_NAME.test(name);
}

/** The URL with userinfo and every secret query parameter removed; other parameters keep their order. */
export function sanitizeUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return '[unparseable URL]';
  }
  url.username = '';
  url.password = '';
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (isSecretParam(name)) url.searchParams.delete(name);
  }
  return url.href;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]+/gi;

/**
 * Masks every form of every known secret (a server may echo a key back in an error body,
 * percent-encoded or not), then sanitizes every URL found in the text.
 */
export function scrubText(text: string, secrets: SecretMask | readonly string[] = []): string {
  const mask = secrets instanceof SecretMask ? secrets : new SecretMask(secrets);
  // Masking first: sanitizing a URL re-encodes its query, which could hide a key from the mask.
  const masked = mask.mask(text);
  const sanitized = masked.replace(URL_IN_TEXT, (match) => {
    // Punctuation closing a sentence or a parenthesis is not part of the URL.
    const [, url = match, tail = ''] = /^(.*?)([).,;:!?]*)$/.exec(match) ?? [];
    return sanitizeUrl(url) + tail;
  });
  // And after: re-encoding a query may spell a value in a form the first pass could not see.
  return mask.mask(sanitized);
}
