/**
 * What can be checked of the container jobs' image without docker: its base image runs the Node the
 * project declares, every path it copies and runs exists, the npm scripts it calls exist, its default
 * command is a real jobbench command, and the build context leaves out secrets and local builds.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { needs } from '../test/support/needs.ts';

const dockerfile = readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));
const argumentsOf = (name: string) =>
  instructions.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1).trim());
const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

describe('the Dockerfile of the container jobs', function () {
  it("starts from a Node image the project's engines accept", function () {
    const [image] = argumentsOf('FROM');
    const [major, minor] = /^node:(\d+)\.(\d+)\./
      .exec(image ?? '')!
      .slice(1)
      .map(Number) as [number, number];
    const [wantMajor, wantMinor] = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node)!.slice(1).map(Number) as [number, number];
    assert.ok(major > wantMajor || (major === wantMajor && minor >= wantMinor), `${image} vs ${pkg.engines.node}`);
  });

  it('copies paths that exist and calls npm scripts that exist', function () {
    for (const copy of argumentsOf('COPY')) {
      const sources = copy
        .split(/\s+/)
        .filter((word) => !word.startsWith('--'))
        .slice(0, -1);
      for (const source of sources) assert.ok(existsSync(path.join(PROJECT_ROOT, source)), source);
    }
    for (const run of argumentsOf('RUN')) {
      for (const [, script] of run.matchAll(/npm run (\S+)/g)) assert.ok(pkg.scripts[script!], `npm run ${script}`);
    }
  });

  it('runs bin/jobbench.js with a default command jobbench knows', async function () {
    const entrypoint = JSON.parse(argumentsOf('ENTRYPOINT')[0]!) as string[];
    assert.deepEqual(entrypoint, ['node', 'bin/jobbench.js']);
    assert.ok(existsSync(path.join(PROJECT_ROOT, entrypoint[1]!)));
    const command = JSON.parse(argumentsOf('CMD')[0]!) as string[];
    // The real executable, as the job starts it; for an unknown command commander prints the root usage instead.
    needs(this, 'whole-runs');
    const help = execFileSync(process.execPath, [...entrypoint.slice(1), ...command, '--help'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    assert.match(help, new RegExp(`^Usage: jobbench ${command[0]} `));
  });

  it('builds from a context without secrets, installed modules or local builds', function () {
    const ignored = readFileSync(path.join(PROJECT_ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', 'node_modules', 'dist', '.jobbench']) assert.ok(ignored.includes(entry), entry);
  });
});
