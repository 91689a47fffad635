/**
 * Mocha root hooks: start the cloud emulators once per test run (reusing healthy ones a
 * developer already started), point the environment at them, and stop afterwards only
 * the ones started here. The first run on a fresh machine creates the Python
 * environment of tools/python/emulators.txt, which takes a few minutes.
 *
 * `JOBBENCH_EMULATORS=off` skips them (the provider tests then fail, or skip outside CI), and so
 * does the unit scope of `npm run test:unit` (the tests that need them skip: test/support/needs.ts).
 * A cloud whose real-account run is requested (`JOBBENCH_AWS_TEST=on`, …) keeps its own
 * variables in process.env; its emulator tests get theirs explicitly.
 */
import { startEmulators, stopStarted, type EmulatorSession } from '../emulators/index.ts';
import { cloudVariable, setEmulatorSession, type Cloud } from '../emulators/test-session.ts';
import { unitScope } from './support/needs.ts';

let session: EmulatorSession | null = null;
const overwritten = new Map<string, string | undefined>();

function cloudOf(name: string): Cloud | null {
  for (const cloud of ['aws', 'gcp', 'azure'] as const) if (cloudVariable(cloud, name)) return cloud;
  if (name.startsWith('AWS_')) return 'aws';
  return null;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    if (process.env.JOBBENCH_EMULATORS === 'off' || unitScope()) return;
    this.timeout(20 * 60_000);
    const before = { ...process.env };
    session = await startEmulators({ log: (line) => process.stderr.write(`  emulators: ${line}\n`) });
    setEmulatorSession(session.env, before);
    for (const [name, value] of Object.entries(session.env)) {
      const cloud = cloudOf(name);
      if (cloud && before[`JOBBENCH_${cloud.toUpperCase()}_TEST`] === 'on') continue;
      // Real credentials, when present, stay: moto accepts any key pair.
      if (
        (name === 'AWS_ACCESS_KEY_ID' || name === 'AWS_SECRET_ACCESS_KEY') &&
        (before.AWS_ACCESS_KEY_ID || before.AWS_PROFILE)
      )
        continue;
      overwritten.set(name, process.env[name]);
      process.env[name] = value;
    }
  },

  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    for (const [name, value] of overwritten) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (session && session.started.length > 0) await stopStarted(session);
  },
};
