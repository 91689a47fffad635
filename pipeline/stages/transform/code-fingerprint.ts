/**
 * A digest of the transform's own code and reference data, so clean output made by one
 * version of jobbench is never reused by another (reuse-clean.ts). It is computed, not
 * declared: every module the transform stage imports, followed from transform-stage itself
 * (its static and dynamic imports, by their specifiers), is hashed as it is on disk, with
 * the name and version of each package those modules import (the INSEE geography is
 * package data: its version covers it) and the Node and Unicode versions (text folding
 * and JSON output depend on them). A version number to bump by hand would be forgotten
 * the day a skill is added to the taxonomy; a module added to the transform is in the
 * digest as soon as something imports it.
 *
 * Bundled (the deployed Lambda zip), the transform's modules are one file: that file is
 * the root and is hashed whole. Computed once per process (about a hundred small files).
 *
 * The walk over-approximates: a type-only import, or an edit to a module the output does
 * not depend on, changes the digest too, which only costs one full transform.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The specifiers of static imports and re-exports (after `from`), of bare and dynamic
 * imports (after `import` or `import(`), and the start of a `resolve(…)` argument (package
 * data read by path, as geography.ts does); comments may add a few: harmless. (Written
 * without a quoted example, which cli/runtime-dependencies.test.ts would read as a package.)
 */
const SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|\bresolve\(\s*['"`]([^'"`$]+)/g;

let memo: string | null = null;

/** The digest (hex) of the transform's code as this process runs it. */
export function transformCodeFingerprint(): string {
  memo ??= codeFingerprint(transformRoot());
  return memo;
}

/** transform-stage next to this module, in the sources (.ts) or in dist/ (.js); this file itself when bundled. */
function transformRoot(): string {
  const self = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(self), `transform-stage${path.extname(self)}`);
  return existsSync(sibling) ? sibling : self;
}

/** The modules `root` reaches through relative imports (itself included), and the packages they name. */
export function codeModules(root: string): { files: string[]; missing: string[]; packages: string[] } {
  const seen = new Set<string>();
  const missing: string[] = [];
  const packages = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      missing.push(file); // a specifier in a comment, or a file gone: the digest still depends on it
      continue;
    }
    for (const match of source.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(packageName(specifier));
    }
  }
  // Sorted, so the digest does not depend on the order of the walk.
  const files = [...seen].filter((file) => !missing.includes(file)).sort();
  return { files, missing: missing.sort(), packages: [...packages].sort() };
}

/** Digest of `root` and every module it reaches (codeModules), with the packages' versions. */
export function codeFingerprint(root: string): string {
  const hash = createHash('sha256');
  hash.update(`code-fingerprint/1\0node ${process.versions.node}\0unicode ${process.versions.unicode}\0`);
  const modules = codeModules(root);
  const name = (file: string) => path.relative(path.dirname(root), file);
  for (const file of modules.files) {
    hash.update(`file ${name(file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  for (const file of modules.missing) hash.update(`missing ${name(file)}\0`);
  for (const pkg of modules.packages) hash.update(`package ${pkg}@${packageVersion(pkg)}\0`);
  return hash.digest('hex');
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The installed version of a package, found from where Node resolves it; `bundled` when it
 * cannot be resolved (a bundle carries its packages inside the file already hashed).
 */
function packageVersion(name: string): string {
  let resolved: string;
  try {
    resolved = fileURLToPath(import.meta.resolve(name));
  } catch {
    try {
      // A package with no entry point for import (data only) still has its package.json.
      resolved = createRequire(import.meta.url).resolve(`${name}/package.json`);
    } catch {
      return 'bundled';
    }
  }
  for (let dir = path.dirname(resolved); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
      if (json.name === name) return String(json.version);
    } catch {
      // not this one: keep walking up
    }
  }
  return 'unknown';
}
