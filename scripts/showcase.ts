/**
 * `npm run showcase`: the README's and docs' screenshots, from a real run of the tool on
 * this machine's emulators — not from a fixture — so the pictures show exactly what a
 * user gets: every cloud labelled emulated, and no recommendation on emulated figures.
 *
 * Starts the emulators (or reuses running ones), runs `jobbench run --provider all` in a
 * scratch directory, opens both dashboards in Debian's Chromium and writes
 * docs/images/cloud-comparison.png and docs/images/job-market.png. Options:
 * `--scale N` (default 2000), `--keep` (leave the scratch directory and say where).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const JOBBENCH = path.join(ROOT, 'bin', 'jobbench.js');
// It runs this checkout's sources, never a dist/ build that may predate them (bin/jobbench.js).
process.env.JOBBENCH_FROM_SOURCE ??= '1';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

function flag(name: string): string | null {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}

/** `export NAME='value'` lines of `jobbench emulators start` → an environment. */
function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z0-9_]+)='((?:[^']|'\\'')*)'$/gm))
    env[match[1]!] = match[2]!.replaceAll("'\\''", "'");
  return env;
}

async function screenshot(file: string, out: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, undefined, { timeout: 120_000 });
    if ((await page.evaluate(() => document.body.dataset.ready)) !== 'true')
      throw new Error(`${path.basename(file)} did not render`);
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
}

const scale = flag('--scale') ?? '2000';
if (!/^[1-9]\d*$/.test(scale)) {
  process.stderr.write('showcase: --scale takes a whole number of postings\n');
  process.exit(2);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), 'jobbench-showcase-'));
try {
  process.stderr.write('showcase: starting the emulators\n');
  const env = {
    ...process.env,
    ...parseExports(execFileSync(process.execPath, [JOBBENCH, 'emulators', 'start'], { encoding: 'utf8', cwd: ROOT })),
  };
  process.stderr.write(`showcase: jobbench run --provider all --scale ${scale} (a few minutes)\n`);
  execFileSync(
    process.execPath,
    [
      JOBBENCH,
      'run',
      '--provider',
      'all',
      '--scale',
      scale,
      '--data-dir',
      path.join(scratch, 'data'),
      '--results-dir',
      path.join(scratch, 'results'),
      '--dashboards-dir',
      path.join(scratch, 'dashboards'),
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  for (const name of ['cloud-comparison', 'job-market']) {
    const out = path.join(ROOT, 'docs', 'images', `${name}.png`);
    await screenshot(path.join(scratch, 'dashboards', `${name}.html`), out);
    process.stderr.write(`showcase: wrote ${path.relative(ROOT, out)}\n`);
  }
} finally {
  if (process.argv.includes('--keep')) process.stderr.write(`showcase: run kept in ${scratch}\n`);
  else rmSync(scratch, { recursive: true, force: true });
}
