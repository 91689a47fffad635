/**
 * The local data directory holds the lake and the warehouse: nobody but its owner may
 * read or change it, whatever the process umask (here the loosest, 000).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localProvider } from './index.ts';

async function modes(root: string): Promise<{ files: Map<string, number>; dirs: Map<string, number> }> {
  const files = new Map<string, number>();
  const dirs = new Map<string, number>([[root, (await stat(root)).mode & 0o777]]);
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const mode = (await stat(full)).mode & 0o777;
    if (entry.isDirectory()) dirs.set(full, mode);
    else files.set(full, mode);
  }
  return { files, dirs };
}

function loose(entries: Map<string, number>, wanted: number): string[] {
  return [...entries].filter(([, mode]) => mode !== wanted).map(([file, mode]) => `${mode.toString(8)} ${file}`);
}

describe('local provider: a private data directory', function () {
  this.timeout(60_000);
  let parent: string;
  let umask: number;
  before(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'jobbench-private-'));
    umask = process.umask(0o000);
  });
  after(async () => {
    process.umask(umask);
    await rm(parent, { recursive: true, force: true });
  });

  it('under umask 000: directories 0700 and files 0600 in the lake and the PGlite warehouse', async () => {
    const dataDir = path.join(parent, 'nested', 'data');
    const provider = await localProvider.create({ dataDir, env: {} });
    try {
      await provider.store.put('raw/source=sample/page-1.json', '{"small":true}');
      await provider.store.put('clean/big.ndjson', 'x'.repeat(300 * 1024)); // past the synchronous-write size
      await provider.warehouse.migrate();
    } finally {
      await provider.close();
    }
    const { files, dirs } = await modes(dataDir);
    assert.ok(files.size > 100, `the warehouse and the lake hold files (${files.size})`);
    assert.deepEqual(loose(dirs, 0o700), [], 'directories open to others');
    assert.deepEqual(loose(files, 0o600), [], 'files open to others');
    assert.equal(
      (await stat(path.join(parent, 'nested'))).mode & 0o777,
      0o700,
      'a parent created for it is private too',
    );
  });
});
