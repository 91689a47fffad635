import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../main.ts';
import { captureIo } from '../test-support/capture-io.ts';

const fixtures = fileURLToPath(new URL('../../pipeline/stages/transform/parsers/fixtures/', import.meta.url));

describe('jobbench transform on saved JSON-LD pages', function () {
  this.timeout(60_000);
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'jobbench-transform-'));
    for (const name of ['jsonld-wttj-2022.html', 'jsonld-wttj-2025.html'])
      await copyFile(path.join(fixtures, name), path.join(cwd, name));
  });
  afterEach(async () => rm(cwd, { recursive: true, force: true }));

  it('accepts pages that name no id: canonical link, else content id', async () => {
    const io = captureIo(cwd);
    assert.equal(
      await main(['transform', '--source', 'wttj', 'jsonld-wttj-2022.html', 'jsonld-wttj-2025.html'], io),
      0,
      io.err,
    );
    assert.equal(io.err, '');
    const ids = io.out
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { sourceId: string }).sourceId);
    assert.equal(ids.length, 2);
    assert.match(ids[0]!, /^content:[0-9a-f]{24}$/);
    assert.equal(
      ids[1],
      'https://jobs.board.example/fr/companies/corail-sante/jobs/data-analyst-senior_lyon#canonical',
    );
  });

  it('--page-url gives the page its identity, as the lake meta does in a run', async () => {
    const io = captureIo(cwd);
    const url = 'https://jobs.board.example/fr/jobs/data-engineer_brest';
    assert.equal(
      await main(['transform', '--source', 'jsonld', '--page-url', url, 'jsonld-wttj-2022.html'], io),
      0,
      io.err,
    );
    const posting = JSON.parse(io.out.trim()) as { sourceId: string; url: string };
    assert.deepEqual([posting.sourceId, posting.url], [url, url]);
  });

  for (const [what, argv, message] of [
    [
      'a relative page URL',
      ['--page-url', '/fr/jobs/x', 'jsonld-wttj-2022.html'],
      /--page-url must be an absolute http\(s\) URL/,
    ],
    [
      'a page URL for two files',
      ['--page-url', 'https://a.example/j', 'jsonld-wttj-2022.html', 'jsonld-wttj-2025.html'],
      /--page-url names one page/,
    ],
  ] as const) {
    it(`exits 2 with one line for ${what}`, async () => {
      const io = captureIo(cwd);
      assert.equal(await main(['transform', '--source', 'wttj', ...argv], io), 2);
      assert.equal(io.out, '');
      assert.match(io.err.trim(), message);
      assert.equal(io.err.trim().split('\n').length, 1);
    });
  }
});
