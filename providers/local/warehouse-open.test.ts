/**
 * Opening the local provider on hostile data directories: a full disk, a file, a virtual
 * file system. Each ends in one sentence saying which it is, and none hangs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isProviderError } from '../core/index.ts';
import { localProvider } from './index.ts';

async function openError(dataDir: string): Promise<Error & { code?: string }> {
  const provider = await localProvider.create({ dataDir, env: {} }).then(
    (p) => p,
    (error: unknown) => error,
  );
  if (!(provider instanceof Error)) {
    await (provider as { close: () => Promise<void> }).close();
    assert.fail(`the local provider opened on ${dataDir}`);
  }
  return provider;
}

describe('local provider: opening a hostile data directory', function () {
  this.timeout(60_000);
  let parent: string;
  before(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'jobbench-open-'));
  });
  after(async () => rm(parent, { recursive: true, force: true }));

  describe('on a full disk (a 3 MB tmpfs)', function () {
    let disk: string | null = null;
    before(async function () {
      disk = path.join(parent, 'small-disk');
      await mkdir(disk);
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', disk], { stdio: 'ignore' });
      } catch {
        disk = null;
        this.skip(); // mounting needs root (CI and the dev machines run as root)
      }
    });
    after(() => {
      if (disk) execFileSync('umount', ['-l', disk], { stdio: 'ignore' });
    });

    it('says the disk is full (quota-exceeded), not that another run holds the warehouse', async () => {
      const error = await openError(path.join(disk!, 'data'));
      assert.ok(isProviderError(error), String(error));
      assert.equal(error.code, 'quota-exceeded');
      assert.match(
        error.message,
        /no space left on the device while creating the embedded warehouse in .*small-disk\/data\/warehouse \(ENOSPC\)/,
      );
      assert.doesNotMatch(error.message, /another jobbench run/);
    });
  });

  it('a data directory that is a file: invalid-config, saying so', async () => {
    const file = path.join(parent, 'a-file');
    await writeFile(file, 'not a directory');
    const error = await openError(file);
    assert.ok(isProviderError(error) && error.code === 'invalid-config', String(error));
    assert.match(error.message, /a-file is a file, not a directory/);
    const below = await openError(path.join(file, 'data'));
    assert.match(below.message, /a-file\/data cannot be made: .*a-file is a file, not a directory/);
  });

  it('a data directory under /proc fails at once instead of hanging', async function () {
    if (process.platform !== 'linux') this.skip();
    this.timeout(10_000); // the recursive mkdir this replaces never returned
    for (const dataDir of ['/proc/jobbench-x', '/proc/self']) {
      const error = await openError(dataDir);
      assert.ok(isProviderError(error) && error.code === 'invalid-config', String(error));
      assert.match(error.message, /cannot be made: \/proc(\/self)? accepts no new directories/);
    }
  });
});
