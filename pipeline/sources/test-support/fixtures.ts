/** Reads fixtures from `pipeline/sources/fixtures/`, with `{{ORIGIN}}` replaced by a local server's origin. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(relative: string, origin = ''): string {
  return readFileSync(`${ROOT}${relative}`, 'utf8').replaceAll('{{ORIGIN}}', origin);
}

export function fixtureJson<T = unknown>(relative: string): T {
  return JSON.parse(fixture(relative)) as T;
}
