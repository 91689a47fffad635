/**
 * ARCHITECTURE.md: only the stack.ts files and providers/infra.ts import cdktf, and no
 * runtime file imports a stack. Keeping cdktf (deprecated upstream) confined is what
 * makes replacing it a small change.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_DIRS = ['bin', 'cli', 'providers', 'pipeline', 'benchmarks', 'results', 'dashboards', 'test', 'tools'];
const CDKTF_ALLOWED = new Set(['providers/aws/stack.ts', 'providers/gcp/stack.ts', 'providers/azure/stack.ts', 'providers/infra.ts']);
const CDKTF_IMPORT = /(?:from\s+|import\s*\(\s*)['"](?:cdktf|constructs|@cdktf\/[^'"]+)['"]/;
const STACK_IMPORT = /(?:from\s+|import\s*\(\s*)['"][^'"]*\/stack\.ts['"]/;

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
  it('imports cdktf only from the stack files and providers/infra.ts, and stacks only from infra.ts and tests', async () => {
    const files = (await Promise.all(SOURCE_DIRS.map(sourceFiles))).flat();
    assert.ok(files.includes('providers/infra.ts'));
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(ROOT, file), 'utf8');
      const isTest = file.endsWith('.test.ts');
      if (!isTest && !CDKTF_ALLOWED.has(file) && CDKTF_IMPORT.test(text)) offenders.push(`${file} imports cdktf`);
      if (!isTest && file !== 'providers/infra.ts' && STACK_IMPORT.test(text)) offenders.push(`${file} imports a stack`);
    }
    assert.deepEqual(offenders, []);
  });
});
