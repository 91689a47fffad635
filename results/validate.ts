/**
 * Validates results against the published JSON Schema file (not the zod schema), so
 * what we check is exactly what we publish for other tools.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Results } from './schema.ts';

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;

const schemaPath = new URL('./results.schema.json', import.meta.url);
let validator: ReturnType<Ajv2020['compile']> | null = null;

function compile() {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  }
  return validator;
}

export class InvalidResultsError extends Error {
  constructor(
    readonly problems: string[],
    source: string,
  ) {
    super(
      `${source} is not a valid results file: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}`,
    );
    this.name = 'InvalidResultsError';
  }
}

/** Returns the value typed as Results, or throws InvalidResultsError listing what is wrong. */
export function validateResults(value: unknown, source = 'results'): Results {
  const validate = compile();
  if (validate(value)) return value as Results;
  const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  throw new InvalidResultsError(problems, source);
}
