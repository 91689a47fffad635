/**
 * The sample generator reads no environment: its size and seed are `jobbench run --scale`
 * and `--seed`. Its empty table still refuses `JOBBENCH_SAMPLE_*` variables, so a setting
 * guessed by analogy with the other sources fails loudly instead of being ignored.
 */
import type { SourceSettings } from '../source-settings.ts';

export const SAMPLE_SETTINGS = {
  source: 'sample',
  prefix: 'JOBBENCH_SAMPLE_',
  docs: null,
  fields: {},
} as const satisfies SourceSettings;
