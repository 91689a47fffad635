/**
 * `jobbench run` with output directories it cannot use: each is one line naming the
 * option, exit 2, before any work — never a hang (/proc) or a failure after the run.
 */
import assert from 'node:assert/strict';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../main.ts';
import { captureIo } from '../test-support/capture-io.ts';

const RUN = ['run', '--provider', 'local', '--scale', '20', '--no-scenarios', '--transform-workers', '0'];

describe('jobbench run: output directories it cannot use', function () {
  this.timeout(30_000);
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-dirs-'));
    await writeFile(path.join(cwd, 'a-file'), 'not a directory');
  });
  afterEach(async () => rm(cwd, { recursive: true, force: true }));

  const cases: Array<[string, string[], RegExp]> = [
    [
      'a data dir that is a file',
      ['--data-dir', 'a-file'],
      /^jobbench: --data-dir \S+\/a-file is a file, not a directory$/,
    ],
    [
      'a results dir that is a file',
      ['--results-dir', 'a-file'],
      /^jobbench: --results-dir \S+\/a-file is a file, not a directory$/,
    ],
    [
      'a dashboards dir under a file',
      ['--dashboards-dir', 'a-file/out'],
      /^jobbench: --dashboards-dir \S+\/a-file\/out cannot be made: \S+\/a-file is a file, not a directory$/,
    ],
    [
      'a data dir under /proc (it hung)',
      ['--data-dir', '/proc/jobbench-x'],
      /^jobbench: --data-dir \/proc\/jobbench-x cannot be made: \/proc accepts no new directories/,
    ],
    [
      'a results dir that is /proc/self',
      ['--results-dir', '/proc/self'],
      /^jobbench: --results-dir \/proc\/self accepts no new entries/,
    ],
  ];
  for (const [what, flags, message] of cases) {
    it(`${what}: exit 2, one line, nothing run`, async function () {
      if (flags[1]!.startsWith('/proc') && process.platform !== 'linux') this.skip();
      const io = captureIo(cwd);
      assert.equal(await main([...RUN, ...flags], io), 2, io.err);
      const lines = io.err.trimEnd().split('\n');
      assert.equal(lines.length, 1, io.err);
      assert.match(lines[0]!, message);
      assert.equal(io.out, '');
      await assert.rejects(access(path.join(cwd, 'results', 'latest.json')), 'no results were written');
    });
  }
});
