/**
 * ARCHITECTURE.md: only the stack files and infra/app.ts import cdktf, and no
 * runtime file imports a stack. Keeping cdktf (deprecated upstream) confined is what
 * makes replacing it a small change. A cloud's stack is its `stack.ts` plus the parts
 * in its `stack/` folder; both count as stack files.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_DIRS = ['bin', 'cli', 'lib', 'providers', 'emulators', 'infra', 'pipeline', 'benchmarks', 'results', 'dashboards', 'test', 'tools'];
const INFRA_APP = 'infra/app.ts';
const CDKTF_IMPORT = /(?:from\s+|import\s*\(\s*)['"](?:cdktf|constructs|@cdktf\/[^'"]+)['"]/;
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** `infra/<cloud>/stack.ts` or a file under `infra/<cloud>/stack/`. */
function isStackFile(rel: string): boolean {
  return /^infra\/[^/]+\/stack(\.ts|\/.+)$/.test(rel);
}

/** Project-relative (posix) paths of the relative imports of `file`. */
function relativeImports(file: string, text: string): string[] {
  return [...text.matchAll(RELATIVE_IMPORT)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)));
}

/** Why `file` breaks the confinement rules, if it does. */
function offenses(file: string, text: string): string[] {
  if (file.endsWith('.test.ts')) return [];
  const found: string[] = [];
  const infra = isStackFile(file) || file === INFRA_APP;
  if (!infra && CDKTF_IMPORT.test(text)) found.push(`${file} imports cdktf`);
  if (!infra) for (const target of relativeImports(file, text)) if (isStackFile(target)) found.push(`${file} imports ${target}`);
  return found;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(relative);
      return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [relative] : [];
    }),
  );
  return nested.flat();
}

describe('cdktf confinement', () => {
  it('imports cdktf only from the stack files and infra/app.ts, and stacks only from stack files, infra.ts and tests', async () => {
    const files = (await Promise.all(SOURCE_DIRS.map(sourceFiles))).flat();
    assert.ok(files.includes(INFRA_APP));
    assert.ok(files.some((file) => file.startsWith('infra/aws/stack/')), 'the AWS stack parts are scanned');
    const offenders: string[] = [];
    for (const file of files) offenders.push(...offenses(file, await readFile(path.join(ROOT, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('treats the stack folder as part of the stack, and nothing else', () => {
    const cdktf = "import { Fn } from 'cdktf';\n";
    assert.deepEqual(offenses('infra/aws/stack/kms.ts', cdktf), []);
    assert.deepEqual(offenses('infra/aws/stack.ts', "import { addKmsKey } from './stack/kms.ts';\n"), []);
    assert.deepEqual(offenses('infra/aws/stack/database.ts', "import { NAME } from './context.ts';\n"), []);
    assert.deepEqual(offenses('providers/aws/stacks.ts', cdktf), ['providers/aws/stacks.ts imports cdktf']);
    assert.deepEqual(offenses('providers/aws/index.ts', "import { NAME } from '../../infra/aws/stack/context.ts';\n"), [
      'providers/aws/index.ts imports infra/aws/stack/context.ts',
    ]);
    assert.deepEqual(offenses('cli/commands/run.ts', "const m = await import('../../infra/gcp/stack.ts');\n"), [
      'cli/commands/run.ts imports infra/gcp/stack.ts',
    ]);
    assert.deepEqual(offenses('providers/aws/aws.test.ts', cdktf), []);
  });
});
