/**
 * `npm run build` (also run by `npm install`, through `prepare`): compiles the runtime code into dist/ with the
 * sources' folder layout (tsconfig.build.json), then copies beside it the files that code reads next to itself
 * at run time, and a package.json. bin/jobbench.js runs dist/ when it exists, so `jobbench` no longer compiles
 * TypeScript at every start.
 *
 * dist/ is removed first: a file deleted from the sources must not live on in the build, and a failed compile
 * (type errors emit nothing) leaves no dist/, so bin/jobbench.js falls back to the sources.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUILD_DIR, PROJECT_ROOT } from '../lib/project-root.ts';

/**
 * Files the compiled code reads beside itself, as project-relative patterns (`*` within one folder or name).
 * test/build.test.ts fails when a tracked file next to compiled code is missing from dist/.
 */
const ASSETS = [
  // The pinned price tables: copied for a complete dist/, read from the sources' copy, which `prices refresh`
  // rewrites (providers/core/prices.ts).
  'providers/*/prices.json',
  'providers/*/platform-inventory.json', // what each stack bills while it stands (providers/<cloud>/index.ts)
  'results/results.schema.json', // results/validate.ts
  'emulators/*.py', // emulator launchers (emulators/definitions.ts)
  'tools/python/*.txt', // pinned Python requirements (tools/python/venv.ts)
  'pipeline/stages/transform/transform-worker.js', // the transform's worker-thread entry (transform-pool.ts)
  'slides/template.md', // the deck's template (slides/build.ts)
  'infra/policy-skips.yaml', // accepted checkov findings (infra/checks/policy-skips.ts)
  'perf/*.py', // the dlt peer of the load benchmark (perf/load-peers.ts)
  'perf/peak-rss-on-exit.mjs', // preloaded into the npm start the bench measures (perf/npm-start-rss.ts)
];

const segmentPattern = (segment: string) =>
  new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/** Project-relative files matching `pattern`, whose `*` stands for any part of one folder or file name. */
function matchFiles(root: string, pattern: string): string[] {
  const segments = pattern.split('/');
  let found = [''];
  segments.forEach((segment, i) => {
    const wanted = segmentPattern(segment);
    const isLast = i === segments.length - 1;
    found = found.flatMap((dir) =>
      readdirSync(path.join(root, dir), { withFileTypes: true })
        .filter((entry) => wanted.test(entry.name) && (isLast ? entry.isFile() : entry.isDirectory()))
        .map((entry) => path.posix.join(dir, entry.name)),
    );
  });
  return found;
}

/** The TypeScript compiler, or null in a production install (`npm ci --omit=dev` also runs `prepare`). */
function typescriptCompiler(): string | null {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

function copyAssets(outDir: string): number {
  let copied = 0;
  for (const pattern of ASSETS) {
    const files = matchFiles(PROJECT_ROOT, pattern);
    if (files.length === 0) throw new Error(`build: no file matches ${pattern}; remove it from ASSETS or restore it`);
    for (const file of files) {
      mkdirSync(path.join(outDir, path.dirname(file)), { recursive: true });
      copyFileSync(path.join(PROJECT_ROOT, file), path.join(outDir, file));
      copied += 1;
    }
  }
  return copied;
}

/**
 * dist/package.json: marks dist/'s .js files as ES modules and answers the code that reads the version from
 * `../package.json` relative to itself (cli/main.ts, the User-Agent, the results' tool stamp).
 */
function writePackageJson(outDir: string): void {
  const source = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { name, version, type, private: isPrivate } = source;
  const marker = { name, version, private: isPrivate, type };
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(marker, null, 2)}\n`);
}

function build(): void {
  const outDir = path.join(PROJECT_ROOT, BUILD_DIR);
  rmSync(outDir, { recursive: true, force: true });
  const tsc = typescriptCompiler();
  if (tsc === null) {
    process.stdout.write('build: skipped, no typescript (a production install): jobbench runs the sources\n');
    return;
  }
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const copied = copyAssets(outDir);
  writePackageJson(outDir);
  process.stdout.write(`build: ${BUILD_DIR}/ compiled, ${copied} files copied beside the code\n`);
}

/**
 * The local warehouse's initialised template (providers/local/pglite-template.ts), made once here so that
 * the first `npm start` loads it instead of running initdb in its own process. In a child process: initdb's
 * memory is not the build's to keep. A failure only means the first run makes it.
 */
function prepareWarehouseTemplate(): void {
  try {
    const script =
      "import('./dist/providers/local/pglite-template.js').then((m) => m.ensureTemplate()).then((f) => console.log('build: local warehouse template ' + f))";
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  } catch {
    process.stdout.write('build: no local warehouse template made; the first run makes it\n');
  }
}

try {
  build();
  if (existsSync(path.join(PROJECT_ROOT, BUILD_DIR))) prepareWarehouseTemplate();
} catch (error) {
  // tsc has printed its errors already; say what is left.
  process.stderr.write(`build: failed, ${BUILD_DIR}/ removed (bin/jobbench.js runs the sources): ${String(error)}\n`);
  rmSync(path.join(PROJECT_ROOT, BUILD_DIR), { recursive: true, force: true });
  process.exitCode = 1;
}
