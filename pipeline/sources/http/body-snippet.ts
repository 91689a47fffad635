/** The start of a response body, whitespace collapsed and secrets masked, for an error message. */
export function bodySnippet(text: string, secrets: readonly string[] = [], max = 200): string {
  let out = text.replace(/\s+/g, ' ').trim().slice(0, max);
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out === '' ? '(empty body)' : out;
}
