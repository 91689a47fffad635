import { SecretMask } from './secret-mask.ts';

/**
 * The start of a response body for an error message: every form of every secret masked
 * over the whole body first (a key past the cut would otherwise be cut in two and its
 * start kept unmasked), then whitespace collapsed and the result cut to `max` characters.
 */
export function bodySnippet(text: string, secrets: SecretMask | readonly string[] = [], max = 200): string {
  const mask = secrets instanceof SecretMask ? secrets : new SecretMask(secrets);
  const out = mask.mask(text).replace(/\s+/g, ' ').trim().slice(0, max);
  return out === '' ? '(empty body)' : out;
}
