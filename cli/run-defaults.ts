/**
 * Defaults of `jobbench run` options that a resume must repeat: main.ts declares the
 * options with them, and the resume command printed after a failure or Ctrl-C names only
 * the ones a user changed.
 */
export const RUN_DEFAULTS = {
  provider: 'local',
  sources: 'sample',
  scale: '2000',
  seed: '42',
  dataDir: '.jobbench',
  resultsDir: 'results',
} as const;
