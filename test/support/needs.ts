/**
 * How a test says it needs more than Node and the project's files, so that a newcomer's
 * first `npm run test:unit` (JOBBENCH_TEST_SCOPE=unit) runs without emulators, browser,
 * PostgreSQL server or Python tools, in under a minute, and says what it left out. Called
 * in a suite's `before` (or first in a test): in the unit scope the suite skips with the
 * need printed; otherwise the test runs as it always did. `npm test` runs everything.
 */
import { requireEmulators } from '../../emulators/test-session.ts';

export type Need =
  /** The cloud emulators, started by the root hooks of test/emulators.hooks.ts. */
  | 'emulators'
  /** The machine's PostgreSQL on 127.0.0.1:5432 (scripts/system-prerequisites.sh starts it). */
  | 'postgres'
  /** Debian's Chromium (CHROME_PATH), driven by Playwright. */
  | 'browser'
  /** A pinned Python tool in its virtual environment (checkov, Jupyter): pip installs it on first use. */
  | 'python'
  /** Whole pipeline runs, the build or child `jobbench` processes: seconds each, too slow for the unit set. */
  | 'whole-runs';

const WHY: Record<Need, string> = {
  emulators: 'needs the cloud emulators',
  postgres: 'needs PostgreSQL on 127.0.0.1:5432',
  browser: 'needs Chromium',
  python: 'needs a pinned Python tool',
  'whole-runs': 'runs the whole pipeline, the build or child processes',
};

/** True under `npm run test:unit`: the emulators are not started and every need skips. */
export function unitScope(): boolean {
  return process.env.JOBBENCH_TEST_SCOPE === 'unit';
}

export function needs(context: Mocha.Context, need: Need): void {
  if (unitScope()) {
    // Called in a `before`, the hook's suite is what skips; called in a test, the test.
    const runnable = context.test as Mocha.Hook | Mocha.Test | undefined;
    const skipped = runnable?.type === 'hook' ? runnable.parent?.fullTitle() : runnable?.fullTitle();
    process.stdout.write(`      (skipped by npm run test:unit, ${WHY[need]}: ${skipped})\n`);
    context.skip();
  }
  if (need === 'emulators') requireEmulators(context);
}
