/**
 * A production install (`npm ci --omit=dev`) must run every command: each package the
 * runtime code loads is a dependency, not a devDependency. Runtime means the files
 * `jobbench` can load, less the infrastructure code (`stack` files, infra/app.ts, infra
 * checks, the platform inventory script), which only `jobbench infra synth` and npm scripts
 * read on a developer's machine (cdktf is a dev tool there), and the test emulators.
 * The dashboards' chart libraries are read as files, not imported: they are listed too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNTIME_ROOMS = [
  'bin',
  'cli',
  'lib',
  'providers',
  'emulators',
  'infra',
  'pipeline',
  'benchmarks',
  'results',
  'dashboards',
  'analysis',
  'slides',
  'tools',
];
const DEVELOPER_ONLY = [
  /^infra\/app\.ts$/,
  /^infra\/[^/]+\/stack(\/|\.ts$)/,
  /^infra\/checks\//,
  /^infra\/write-platform-inventory\.ts$/,
  /^providers\/testing\//,
  /^emulators\/test-session\.ts$/,
  /(^|\/)(fixtures|test-support)\//,
];
/** Packages run as programs or read as files rather than imported, and the file that does it. */
const RUN_AS_PROGRAMS: Readonly<Record<string, string>> = {
  '@marp-team/marp-cli': 'slides/build.ts',
  azurite: 'emulators/definitions.ts',
};
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function runtimeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const rel = `${dir}/${entry.name}`;
    if (DEVELOPER_ONLY.some((pattern) => pattern.test(rel))) continue;
    if (entry.isDirectory()) out.push(...runtimeFiles(rel));
    else if (/\.(ts|js)$/.test(entry.name) && !/\.(test|browser\.test)\.ts$|\.d\.ts$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('runtime packages are dependencies (a production install runs every command)', function () {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };

  const needed = new Map<string, string>(); // package → first file that needs it
  for (const file of RUNTIME_ROOMS.flatMap(runtimeFiles)) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      if (!needed.has(packageName(specifier))) needed.set(packageName(specifier), file);
    }
  }
  for (const [pkg, file] of Object.entries(RUN_AS_PROGRAMS)) needed.set(pkg, file);
  // Inlined into every dashboard page from the package's files (dashboards/render/vendor.ts).
  for (const match of readFileSync(path.join(ROOT, 'dashboards/render/vendor.ts'), 'utf8').matchAll(
    /pkg:\s*'([^']+)'/g,
  ))
    needed.set(match[1]!, 'dashboards/render/vendor.ts');

  it("finds the chart libraries and the deck's browser among them", () => {
    assert.ok(
      needed.has('plotly.js') && needed.has('@bokeh/bokehjs') && needed.has('playwright-core'),
      [...needed.keys()].join(', '),
    );
  });

  it('lists each in dependencies, and the lock file installs it without --include=dev', () => {
    const misplaced = [...needed]
      .filter(([pkg]) => !(pkg in manifest.dependencies))
      .map(([pkg, file]) => `${pkg} (needed by ${file})`);
    assert.deepEqual(misplaced, []);
    const devInLock = [...needed.keys()].filter((pkg) => lock.packages[`node_modules/${pkg}`]?.dev === true);
    assert.deepEqual(devInLock, []);
  });
});
