/**
 * Each command loads its code only when it runs: `jobbench --help` and every command's
 * `--help` load no cloud SDK, chart library, cdktf or database driver. The real `bin/jobbench.js`
 * runs in a child process under a module hook that lists every module it loads
 * (test/support/record-module-urls.mjs); a dry run on Azure shows the hook does see an SDK.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { needs } from '../test/support/needs.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'jobbench.js');
const RECORDER = path.join(ROOT, 'test', 'support', 'record-module-urls.mjs');

/** Packages `--help` must not load: exact names, or scopes ending in `/`. */
const HEAVY = [
  '@aws-sdk/',
  '@azure/',
  '@google-cloud/', // cloud SDKs
  'plotly.js',
  '@bokeh/bokehjs', // chart libraries
  'cdktf',
  '@cdktf/', // infrastructure
  '@electric-sql/pglite',
  'pg', // databases
];

const isHeavy = (pkg: string) => HEAVY.some((heavy) => (heavy.endsWith('/') ? pkg.startsWith(heavy) : pkg === heavy));

/** `file:///…/node_modules/@scope/name/lib/x.js` → `@scope/name` (the innermost node_modules). */
function packageOf(url: string): string | null {
  const at = url.lastIndexOf('/node_modules/');
  if (at === -1) return null;
  const parts = url.slice(at + '/node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** A command's implementation (`cli/commands/run.ts`), not its declaration (`run.command.ts`); compiled too. */
const isCommandBody = (url: string) => /\/cli\/commands\/[^/]+\.[jt]s$/.test(url) && !/\.command\.[jt]s$/.test(url);

interface Recorded {
  code: number;
  stdout: string;
  packages: Set<string>;
  commandBodies: string[];
}

describe("jobbench loads a command's code only when it runs", function () {
  this.timeout(120_000);
  let dir: string;
  before(async function () {
    needs(this, 'whole-runs');
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-lazy-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  let runs = 0;
  async function jobbench(args: string[]): Promise<Recorded> {
    const record = path.join(dir, `modules-${(runs += 1)}.txt`);
    const child = promisify(execFile)(process.execPath, ['--import', RECORDER, BIN, ...args], {
      cwd: dir,
      env: { ...process.env, JOBBENCH_RECORD_MODULES: record },
    });
    const { code, stdout } = await child.then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    const urls = (await readFile(record, 'utf8')).split('\n').filter(Boolean);
    const packages = new Set(urls.map(packageOf).filter((p): p is string => p !== null));
    return { code, stdout, packages, commandBodies: urls.filter(isCommandBody) };
  }

  it("sees the command's code and its SDK when a command runs (the recorder works)", async function () {
    const { code, packages, commandBodies } = await jobbench(['run', '--provider', 'azure', '--dry-run']);
    assert.equal(code, 0);
    assert.ok(
      [...packages].some((pkg) => pkg.startsWith('@azure/')),
      [...packages].join(', '),
    );
    assert.ok(
      commandBodies.some((url) => /\/cli\/commands\/run\.[jt]s$/.test(url)),
      commandBodies.join(', '),
    );
  });

  it('loads no command code, SDK, chart library, cdktf or database for the help of each command', async function () {
    const top = await jobbench(['--help']);
    const names = [...top.stdout.split('Commands:')[1]!.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!);
    assert.ok(names.includes('run') && names.includes('infra'), top.stdout);
    const helps: Array<[string[], number]> = [
      [[], 2], // no command: the help on stderr, a usage error
      ...names.map((name): [string[], number] => [[name, '--help'], 0]),
      [['infra', 'synth', '--help'], 0],
    ];
    for (const [args, expectedCode] of helps) {
      const { code, packages, commandBodies } = await jobbench(args);
      const what = `jobbench ${args.join(' ')}`;
      assert.equal(code, expectedCode, what);
      assert.ok(packages.has('commander'), `${what}: the recorder saw no package`);
      assert.deepEqual([...packages].filter(isHeavy), [], what);
      assert.deepEqual(commandBodies, [], what);
    }
    assert.deepEqual([...top.packages].filter(isHeavy), [], 'jobbench --help');
    assert.deepEqual(top.commandBodies, [], 'jobbench --help');
  });
});
