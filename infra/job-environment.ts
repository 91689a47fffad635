/**
 * The environment a stack gives its deployed jobs, named from the provider's own settings
 * table (providers/<cloud>/config.ts): a key the reader does not know is a type error here,
 * so a stack can never set a variable that `readConfig` would reject as unknown at run time.
 */
import type { ConfigField } from '../providers/core/config.ts';

/** `{ BUCKET: x }` under `JOBBENCH_AWS_` → `{ JOBBENCH_AWS_BUCKET: x }`, in the table's order. */
export function jobEnvironment<const F extends readonly ConfigField[]>(
  prefix: string,
  table: F,
  settings: Partial<Record<F[number]['key'], string>>,
): Record<string, string> {
  const values = settings as Record<string, string | undefined>;
  const out: Record<string, string> = {};
  for (const { key } of table) {
    const value = values[key];
    if (value !== undefined) out[`${prefix}${key}`] = value;
  }
  return out;
}
