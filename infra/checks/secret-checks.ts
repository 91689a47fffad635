/**
 * No secret in the synthesized JSON: Terraform JSON is committed, printed and uploaded,
 * so a password or key written into it is leaked. Two nets: arguments, variables and
 * environment entries whose *name* says secret but hold a literal, and values whose
 * *shape* is a known credential format wherever they appear.
 */
import type { Finding, GapCheck, TfJson } from './tf-json.ts';

/** Names that hold a secret when they hold a string literal. */
const SECRET_NAME =
  /(password|passwd|passphrase|secret|token|api_?key|access_?key|private_?key|account_?key|connection_?string|sas)/i;
/** …unless the name says it is only a pointer to one (`secret_id`, `kms_key_arn`, `password_auth_enabled`). */
const POINTER_NAME = /(_|^)(id|ids|arn|arns|name|names|enabled|type|version|uri|policy|rotation|length|expiration)$/i;

/** Shapes of real credentials (AWS key ids, PEM keys, Azure account keys and SAS signatures, URLs with a password, …). */
const SECRET_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['private key (PEM)', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['Azure storage account key', /AccountKey=[^;"\s]{20,}/i],
  ['SAS signature', /[?&]sig=[A-Za-z0-9%+/=]{20,}/],
  ['URL with a password', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"]+:[^\s@/"]+@/i],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['Slack token', /\bxox[abpors]-[A-Za-z0-9-]{10,}/],
];

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !POINTER_NAME.test(name);
}

/** A literal worth flagging: a non-empty string that is not a Terraform expression. */
function isLiteralText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !/^\$\{[\s\S]*\}$/.test(value.trim());
}

export const noSecretLiterals: GapCheck = {
  id: 'JB_NO_SECRET_LITERALS',
  description: 'No password, key, token or connection string is written as a literal anywhere in the stack JSON.',
  run(doc: TfJson) {
    const findings: Finding[] = [];
    const report = (path: string, message: string) =>
      findings.push({ check: 'JB_NO_SECRET_LITERALS', resource: path, message });

    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') {
        for (const [shape, pattern] of SECRET_SHAPES) if (pattern.test(value)) report(path, `looks like a ${shape}`);
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          walk(item, `${path}[${index}]`);
        });
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => key !== '//');
      // `{ name: "DB_PASSWORD", value: "…" }`: container and job environment entries.
      const named = (value as { name?: unknown }).name;
      if (typeof named === 'string' && isSecretName(named) && isLiteralText((value as { value?: unknown }).value)) {
        report(`${path}.value`, `environment entry ${named} holds a literal`);
      }
      for (const [key, child] of entries) {
        const childPath = path === '' ? key : `${path}.${key}`;
        if (isSecretName(key) && isLiteralText(child)) report(childPath, `argument ${key} holds a literal`);
        walk(child, childPath);
      }
    };

    // A variable named like a secret must not carry a default: the default is part of the JSON.
    for (const [name, variable] of Object.entries(doc.variable ?? {})) {
      if (isSecretName(name) && variable.default !== undefined)
        report(`variable.${name}`, 'secret-like variable has a default value');
    }
    walk(doc.resource ?? {}, 'resource');
    walk(doc.data ?? {}, 'data');
    walk(doc.provider ?? {}, 'provider');
    walk(doc.output ?? {}, 'output');
    walk(doc.variable ?? {}, 'variable');
    walk(doc.locals ?? {}, 'locals');
    return findings;
  },
};
