/**
 * Keeps the import rules of docs/architecture.md true. The rules live in one machine-readable
 * list, docs/rooms.json: every source file belongs to a room, a room imports only the rooms it
 * lists, nothing outside the CLI imports the CLI, cdktf stays in the stack files, and the table
 * of docs/architecture.md is the one `npm run docs:rooms` writes from the list.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRooms, roomOf, roomsTable, ROOMS_TABLE_BEGIN, ROOMS_TABLE_END, type Room } from './support/rooms.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rooms = readRooms(ROOT);

/** Every TypeScript or JavaScript file git knows (deleted-but-unstaged files left out). */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((file) => /\.(ts|js|mjs|cjs)$/.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => {
      try {
        readFileSync(path.join(ROOT, file));
        return true;
      } catch {
        return false;
      }
    });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  return [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

/** Project-relative (posix) target of a relative specifier. */
const projectTarget = (file: string, specifier: string) =>
  path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
const inside = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const isTestFile = (file: string, room: Room | null) =>
  /\.test\.ts$/.test(file) || /(^|\/)(test-support|fixtures)\//.test(file) || room?.testSupport === true;

/** Whether `file` (in `room`) may import `target`. */
function allowed(room: Room, target: string): boolean {
  if (inside(target, room.path)) return true;
  if (room.mayImport.includes('*')) return true;
  return room.mayImport.some((dir) => inside(target, dir.replace(/\.ts$/, '')) || target === dir);
}

const isStackFile = (file: string) =>
  rooms.cdktf.onlyIn.some((pattern) =>
    new RegExp(`^${pattern.replace(/\*/g, '[^/]+').replace(/\/$/, '/.+')}$`).test(file),
  );
const isCdktfPackage = (specifier: string) =>
  rooms.cdktf.packages.some((p) =>
    p.endsWith('/') ? specifier.startsWith(p) : specifier === p || specifier.startsWith(`${p}/`),
  );

describe('architecture (docs/rooms.json)', function () {
  const files = sourceFiles();

  it('finds the project files, and every one belongs to a room', function () {
    assert.ok(files.length > 300, `only ${files.length} files found`);
    assert.deepEqual(
      files.filter((file) => roomOf(rooms, file) === null),
      [],
    );
  });

  it('names only rooms that exist in the rooms each room may import', function () {
    const paths = new Set(rooms.rooms.map((room) => room.path));
    const unknown = rooms.rooms.flatMap((room) =>
      room.mayImport.filter((dir) => dir !== '*' && !paths.has(dir)).map((dir) => `${room.path} → ${dir}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('every room imports only the rooms it lists, and only the CLI imports the CLI', function () {
    const violations: string[] = [];
    for (const file of files) {
      const room = roomOf(rooms, file)!;
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = projectTarget(file, specifier);
        if (inside(target, 'cli') && !inside(file, 'cli') && !inside(file, 'bin'))
          violations.push(`${file} imports the CLI (${target})`);
        else if (!isTestFile(file, room) && !allowed(room, target))
          violations.push(`${file} (${room.path}) → ${target}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('catches a forbidden import (the rule can fail)', function () {
    const core = roomOf(rooms, 'providers/core/provider.ts')!;
    assert.equal(allowed(core, 'pipeline/run-pipeline.ts'), false);
    assert.equal(allowed(core, 'lib/seeded-random.ts'), true);
    assert.equal(allowed(roomOf(rooms, 'dashboards/index.ts')!, 'benchmarks/run-suite.ts'), false);
  });

  it('only the stack files and the CDKTF app import cdktf; outside infra, only the infra command loads them', function () {
    const violations: string[] = [];
    for (const file of files) {
      if (/\.test\.ts$/.test(file)) continue;
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) {
          if (isCdktfPackage(specifier) && !isStackFile(file)) violations.push(`${file} imports ${specifier}`);
          continue;
        }
        const target = projectTarget(file, specifier);
        const loadsStacks = isStackFile(target);
        if (loadsStacks && !inside(file, 'infra') && !file.startsWith('cli/commands/infra'))
          violations.push(`${file} imports ${target}`);
      }
    }
    assert.deepEqual(violations, []);
    assert.ok(
      isStackFile('infra/aws/stack/kms.ts') && isStackFile('infra/gcp/stack.ts') && isStackFile('infra/app.ts'),
    );
    assert.ok(!isStackFile('infra/stack-outputs.ts') && !isStackFile('providers/aws/index.ts'));
  });

  it('docs/architecture.md shows the rooms table written from docs/rooms.json (npm run docs:rooms)', function () {
    const doc = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const begin = doc.indexOf(ROOMS_TABLE_BEGIN);
    const end = doc.indexOf(ROOMS_TABLE_END);
    assert.ok(begin >= 0 && end > begin, 'docs/architecture.md has the rooms table markers');
    assert.equal(
      doc.slice(begin + ROOMS_TABLE_BEGIN.length, end).trim(),
      roomsTable(rooms).trim(),
      'run npm run docs:rooms',
    );
  });
});
