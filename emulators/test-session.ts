/**
 * What the provider tests need from the emulator hooks (test/emulators.hooks.ts): the
 * environment pointing at the emulators, and the environment as it was before, for the
 * opt-in runs against real accounts.
 */
export type Cloud = 'aws' | 'gcp' | 'azure';

let before: Readonly<Record<string, string | undefined>> = { ...process.env };
let emulators: Readonly<Record<string, string>> | null = null;

/** Variables that redirect a cloud's SDK or configure its provider. */
export function cloudVariable(cloud: Cloud, name: string): boolean {
  const own: Record<Cloud, RegExp> = {
    aws: /^(JOBBENCH_AWS_|AWS_ENDPOINT_URL)/,
    gcp: /^(JOBBENCH_GCP_|STORAGE_EMULATOR_HOST$|BIGQUERY_EMULATOR_HOST$)/,
    azure: /^(JOBBENCH_AZURE_|AZURE_STORAGE_CONNECTION_STRING$)/,
  };
  return own[cloud].test(name);
}

/** Called by the hooks once the emulators answer. */
export function setEmulatorSession(
  env: Readonly<Record<string, string>>,
  environmentBefore: Readonly<Record<string, string | undefined>>,
): void {
  emulators = env;
  before = environmentBefore;
}

/** True when the hooks have started (or found) the emulators. */
export function emulatorsReady(): boolean {
  return emulators !== null;
}

/**
 * The environment for an emulator run of `cloud`: the process environment without that
 * cloud's own settings (a developer's real-account settings must not leak in), plus the
 * emulator's. Throws when the hooks did not run.
 */
export function emulatorEnv(cloud: Cloud): Record<string, string | undefined> {
  if (!emulators)
    throw new Error('the emulators are not running: the test/emulators.hooks.ts root hooks did not start them');
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(before)) if (!cloudVariable(cloud, name)) env[name] = value;
  for (const [name, value] of Object.entries(emulators)) if (cloudVariable(cloud, name)) env[name] = value;
  return env;
}

/** The environment as it was before the hooks changed it (real-account settings). */
export function realEnv(): Readonly<Record<string, string | undefined>> {
  return before;
}

/** Why the opt-in real-account run of `cloud` is skipped, or null when it should run. */
export function realRunSkipReason(cloud: Cloud): string | null {
  const flag = `JOBBENCH_${cloud.toUpperCase()}_TEST`;
  return before[flag] === 'on' ? null : `set ${flag}=on (with the account's settings and credentials) to run it`;
}

/**
 * Through `needs(this, 'emulators')` (test/support/needs.ts), in a suite's `before`: nothing
 * when the emulators run; a skip with a printed reason when a developer switched them off
 * (`JOBBENCH_EMULATORS=off`) outside CI; otherwise a failure, so CI never passes by skipping them.
 */
export function requireEmulators(context: Mocha.Context): void {
  if (emulators) return;
  if (process.env.JOBBENCH_EMULATORS === 'off' && !process.env.CI) {
    process.stdout.write('      (emulator tests skipped: JOBBENCH_EMULATORS=off)\n');
    context.skip();
  }
  throw new Error('the emulators are not running: the test/emulators.hooks.ts root hooks did not start them');
}
