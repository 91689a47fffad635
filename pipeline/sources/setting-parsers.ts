/**
 * How a source setting's text becomes a value. Each parser gets the trimmed, non-empty text
 * and throws SettingParseError with the rule it broke; the reader adds the variable's name.
 * None quotes the text: a URL may carry a token, a list a key.
 */
import { SettingParseError } from './source-settings.ts';

export function text(value: string): string {
  return value;
}

/** Comma-separated entries, trimmed; at least one (an empty list would silently collect nothing). */
export function list(value: string): string[] {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) throw new SettingParseError('must list at least one value (comma-separated)');
  return entries;
}

/**
 * An absolute URL of any scheme: for endpoints that receive credentials, whose scheme the
 * source itself checks (http/credential-transport.ts) with a sentence naming the credentials.
 */
export function url(value: string): string {
  if (!URL.canParse(value)) throw new SettingParseError('must be an absolute URL');
  return value;
}

export function httpUrl(value: string): string {
  if (!isHttpUrl(value)) throw new SettingParseError('must be an http(s) URL');
  return value;
}

/** Comma-separated http(s) URLs; a bad entry is named by its position, not quoted. */
export function httpUrlList(value: string): string[] {
  const entries = list(value);
  const bad = entries.findIndex((entry) => !isHttpUrl(entry));
  if (bad >= 0) throw new SettingParseError(`entry ${bad + 1} is not an http(s) URL`);
  return entries;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) {
    throw new SettingParseError('must be a positive integer');
  }
  return n;
}

export function regularExpression(value: string): RegExp {
  try {
    return new RegExp(value);
  } catch {
    throw new SettingParseError('is not a valid regular expression');
  }
}

/** `yes` (any case) is true; anything else is a no, never an error (an opt-in stays opt-in). */
export function yes(value: string): boolean {
  return value.toLowerCase() === 'yes';
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
