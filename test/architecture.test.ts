/**
 * Keeps the import rules of docs/architecture.md true: who may import whom, and that
 * cdktf stays inside stack files. Reads every TypeScript file's import specifiers.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOMS = ['bin', 'cli', 'lib', 'providers', 'emulators', 'infra', 'pipeline', 'benchmarks', 'results', 'dashboards', 'analysis', 'slides', 'test', 'tools'];

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

/** Project-relative path of a relative import, or the package name of a bare one. */
function target(file: string, specifier: string): { project: string | null; pkg: string | null } {
  if (specifier.startsWith('.')) return { project: path.relative(ROOT, path.resolve(path.dirname(file), specifier)), pkg: null };
  if (specifier.startsWith('node:')) return { project: null, pkg: null };
  return { project: null, pkg: specifier };
}

const inside = (p: string, ...dirs: string[]) => dirs.some((d) => p === d || p.startsWith(`${d}/`));
const CLOUDS = ['providers/aws', 'providers/gcp', 'providers/azure'];

/** For a non-test file, the project folders it may import from (null: anything but cli). */
function allowedFor(rel: string): string[] | null {
  const cloud = [...CLOUDS, 'providers/local'].find((d) => inside(rel, d));
  if (cloud) return [cloud, 'providers/core', 'providers/postgres'];
  if (inside(rel, 'providers/core')) return ['providers/core'];
  if (inside(rel, 'providers/postgres')) return ['providers/postgres', 'providers/core'];
  if (inside(rel, 'providers/layers')) return ['providers/layers', 'providers/core'];
  if (inside(rel, 'pipeline')) return ['pipeline', 'providers/core'];
  if (inside(rel, 'benchmarks')) return ['benchmarks', 'pipeline', 'providers/core', 'providers/registry.ts', 'providers/layers', 'results', 'package.json'];
  if (inside(rel, 'results')) return ['results'];
  if (inside(rel, 'dashboards')) return ['dashboards', 'results', 'pipeline/model'];
  if (inside(rel, 'analysis')) return ['analysis', 'results', 'pipeline/model'];
  return null;
}

describe('architecture import rules', function () {
  const files = ROOMS.flatMap((room) => {
    try {
      return tsFiles(path.join(ROOT, room));
    } catch {
      return [];
    }
  });

  it('finds the project files', function () {
    assert.ok(files.length > 20, `only ${files.length} files found`);
  });

  it('every room imports only what docs/architecture.md allows', function () {
    const violations: string[] = [];
    for (const file of files) {
      const rel = path.relative(ROOT, file);
      const isTest = /\.test\.ts$/.test(rel) || /(^|\/)(test-support|fixtures)\//.test(rel) || inside(rel, 'test') || inside(rel, 'providers/testing');
      const allowed = allowedFor(rel);
      for (const specifier of importsOf(file)) {
        const { project } = target(file, specifier);
        if (!project) continue;
        if (inside(project, 'cli') && !inside(rel, 'cli') && !inside(rel, 'bin')) violations.push(`${rel} imports cli (${specifier})`);
        if (isTest || allowed === null) continue;
        if (!inside(project, 'lib') && !allowed.some((a) => inside(project, a.replace(/\.ts$/, '')) || project === a)) {
          violations.push(`${rel} → ${project}`);
        }
      }
    }
    assert.deepEqual(violations, []);
  });

  it('only stack files, the CDKTF app and their tests import cdktf; no runtime file imports a stack', function () {
    const violations: string[] = [];
    for (const file of files) {
      const rel = path.relative(ROOT, file);
      const isInfra = /(^|\/)stack\.ts$/.test(rel) || /^infra\/[^/]+\/stack\//.test(rel) || rel === 'infra/app.ts' || /\.test\.ts$/.test(rel) || inside(rel, 'cli/commands/infra.ts');
      for (const specifier of importsOf(file)) {
        const { project, pkg } = target(file, specifier);
        if (pkg && /^(cdktf|@cdktf\/|constructs)/.test(pkg) && !isInfra) violations.push(`${rel} imports ${pkg}`);
        if (project && /(^|\/)stack(\.ts)?$/.test(project) && !isInfra) violations.push(`${rel} imports ${project}`);
      }
    }
    assert.deepEqual(violations, []);
  });
});
