/**
 * `npm run build` makes a dist/ that runs on its own: bin/jobbench.js picks it, it answers like the sources, its
 * transform workers load no TypeScript loader, it finds the project root above itself, and every file the code
 * reads beside itself is there. Builds the project's real dist/: the compiled code finds the root as dist/'s
 * parent, so a build elsewhere would not be the one `jobbench` runs.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, RUNS_COMPILED, sourceFileOf } from '../lib/project-root.ts';
import { needs } from './support/needs.ts';

const DIST = path.join(PROJECT_ROOT, 'dist');
const BIN = path.join(PROJECT_ROOT, 'bin', 'jobbench.js');
const FIXTURE = 'pipeline/stages/transform/parsers/fixtures/adzuna-search.json';
const PACKAGE = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };

/** Runs bin/jobbench.js as a user would: dist/ when built (test/run-from-source.ts's switch cleared). */
function jobbench(args: string[], env: Record<string, string> = {}) {
  const inherited = { ...process.env };
  delete inherited.JOBBENCH_FROM_SOURCE;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, JOBBENCH_DEBUG_ENTRY: '1', ...env },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return { stdout: result.stdout, entry: /jobbench: entry (.*)/.exec(result.stderr)?.[1] };
}

/** Every file in dist/, relative to it. */
function distFiles(): string[] {
  return readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(DIST, path.join(entry.parentPath, entry.name)));
}

const TEST_ONLY = /(^|\/)(fixtures|test-support)\/|^test\/|^providers\/testing\/|\.test\.ts$/;
/** Kinds of file code reads (a shell script beside code is run by people, not read by it). */
const DATA_FILE = /\.(json|ya?ml|txt|md|py|js|mjs|cjs|html|css|svg|sql)$/;

/** Tracked files other than TypeScript in a folder of compiled code: what the code may read beside itself. */
function assetsBesideCode(): string[] {
  const tracked = execFileSync('git', ['ls-files'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n');
  const codeDirs = new Set(
    tracked.filter((file) => file.endsWith('.ts') && !TEST_ONLY.test(file)).map((file) => path.dirname(file)),
  );
  return tracked.filter((file) => codeDirs.has(path.dirname(file)) && DATA_FILE.test(file) && !TEST_ONLY.test(file));
}

describe('npm run build (dist/)', function () {
  before(function () {
    needs(this, 'whole-runs');
    this.timeout(180_000);
    const output = execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.match(output, /build: dist\/ compiled, \d+ files copied/);
  });

  it("is what bin/jobbench.js runs: --version from dist/cli/main.js prints package.json's version", function () {
    const { stdout, entry } = jobbench(['--version']);
    assert.equal(entry, path.join(DIST, 'cli', 'main.js'));
    assert.equal(stdout.trim(), PACKAGE.version);
  });

  it('answers --help from dist/', function () {
    const { stdout, entry } = jobbench(['--help']);
    assert.equal(entry, path.join(DIST, 'cli', 'main.js'));
    assert.match(stdout, /^Usage: jobbench/);
    assert.match(stdout, /\n\s+transform /);
  });

  it('is left aside with JOBBENCH_FROM_SOURCE=1: the sources run through tsx', function () {
    const { entry } = jobbench(['--version'], { JOBBENCH_FROM_SOURCE: '1' });
    assert.equal(entry, path.join(PROJECT_ROOT, 'cli', 'main.ts'));
  });

  it('transforms a page to the same NDJSON as the sources', function () {
    // collectedAt is the time of the transform: the one field that may differ.
    const postings = (env: Record<string, string> = {}) =>
      jobbench(['transform', '--source', 'adzuna', FIXTURE], env).stdout.replace(/"collectedAt":"[^"]*"/g, '');
    const compiled = postings();
    assert.match(compiled, /"title"/);
    assert.equal(compiled, postings({ JOBBENCH_FROM_SOURCE: '1' }));
  });

  it('runs transform workers on compiled code, without tsx', function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jobbench-build-'));
    try {
      // Piscina's workers inherit --import, so the block reaches them too.
      const blockTsx = path.join(dir, 'block-tsx.mjs');
      writeFileSync(
        blockTsx,
        `import { register } from 'node:module';
register('data:text/javascript,export async function resolve(s, c, next) {' +
  ' if (s === "tsx" || s.startsWith("tsx/")) throw new Error("tsx blocked: " + s); return next(s, c); }');\n`,
      );
      const pool = pathToFileURL(path.join(DIST, 'pipeline/stages/transform/transform-pool.js')).href;
      const script = `
        import { readFileSync } from 'node:fs';
        import { chunkTransformer } from ${JSON.stringify(pool)};
        const body = readFileSync(${JSON.stringify(path.join(PROJECT_ROOT, FIXTURE))});
        const meta = JSON.stringify({ format: 'adzuna', url: null, fetchedAt: '2026-11-28T10:00:00.000Z' });
        const page = () => ({
          source: 'adzuna', rawKey: 'raw/0.json', body: new Uint8Array(body), meta: new Uint8Array(Buffer.from(meta)),
        });
        const out = {};
        for (const workers of [2, 0]) {
          const transformer = chunkTransformer({ workers, chunks: 2 });
          const chunk = await transformer.transform([page()]);
          const clean = Buffer.from(chunk.clean).toString();
          out[workers] = { threads: transformer.threads, postings: chunk.postings, clean };
          await transformer.close();
        }
        process.stdout.write(JSON.stringify(out));`;
      // A file, not -e: workers inherit the process's flags, and --input-type would fail theirs.
      const compare = path.join(dir, 'compare-threads.mjs');
      writeFileSync(compare, script);
      const result = spawnSync(process.execPath, ['--import', blockTsx, compare], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      const out = JSON.parse(result.stdout) as Record<string, { threads: number; postings: number; clean: string }>;
      assert.equal(out[2]!.threads, 2);
      assert.ok(out[2]!.postings > 0);
      assert.deepEqual({ ...out[2]!, threads: 1 }, out[0]);
      // On Node 20 a worker's static imports do not reach the hook its --import registers: read the entry too.
      const entry = readFileSync(path.join(DIST, 'pipeline/stages/transform/transform-worker.js'), 'utf8');
      assert.doesNotMatch(entry, /^\s*import\s[^(]*['"]tsx/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds the same project root from dist/ as from the sources, and the sources' copy of a file", function () {
    const prices = path.join('providers', 'aws', 'prices.json');
    assert.equal(RUNS_COMPILED, false);
    assert.ok(existsSync(path.join(PROJECT_ROOT, 'package.json')));
    assert.equal(sourceFileOf(path.join(DIST, prices)), path.join(DIST, prices), 'the sources map nothing');
    const script = `const root = await import('./dist/lib/project-root.js');
      const files = [${JSON.stringify(path.join(DIST, prices))}, '/elsewhere/prices.json'].map(root.sourceFileOf);
      process.stdout.write(JSON.stringify([root.PROJECT_ROOT, root.RUNS_COMPILED, ...files]));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const expected = [PROJECT_ROOT, true, path.join(PROJECT_ROOT, prices), '/elsewhere/prices.json'];
    assert.deepEqual(JSON.parse(result.stdout), expected);
  });

  it('holds, byte for byte, every tracked file beside compiled code', function () {
    const assets = assetsBesideCode();
    const expected = ['providers/aws/prices.json', 'emulators/gcs-launch.py', 'tools/python/emulators.txt'];
    assert.deepEqual(
      expected.filter((file) => !assets.includes(file)),
      [],
      'the asset listing itself is wrong',
    );
    const missing = assets.filter((file) => !existsSync(path.join(DIST, file)));
    assert.deepEqual(missing, [], 'add them to ASSETS in scripts/build.ts');
    for (const file of assets) {
      assert.ok(readFileSync(path.join(DIST, file)).equals(readFileSync(path.join(PROJECT_ROOT, file))), file);
    }
  });

  it('holds no tests, fixtures or test helpers', function () {
    const files = distFiles();
    assert.ok(files.includes('cli/main.js'));
    assert.deepEqual(
      files.filter((file) => /\.test\.js$|(^|\/)(fixtures|test-support)\//.test(file)),
      [],
    );
  });
});
