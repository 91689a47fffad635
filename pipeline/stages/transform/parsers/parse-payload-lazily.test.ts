import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PayloadFormat } from '../../../sources/source.ts';
import { parsePayload } from './parse-payload.ts';
import { parsePayloadLazily } from './parse-payload-lazily.ts';
import { detectPayloadFormat } from './payload-format.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../../..');
const FIXTURES = path.join(HERE, 'fixtures');
const context = { source: 'sample', rawKey: 'raw/x', collectedAt: '2026-12-05T00:00:00.000Z' };

describe('parsePayloadLazily: only the parser a payload needs', () => {
  it('gives what parsePayload gives for every fixture, and for what no parser reads', async () => {
    for (const file of await readdir(FIXTURES)) {
      const body = await readFile(path.join(FIXTURES, file), 'utf8');
      const format = detectPayloadFormat(body) ?? 'adzuna';
      assert.deepEqual(await parsePayloadLazily(format, body, context), parsePayload(format, body, context), file);
    }
    for (const [format, body] of [
      ['xml', '<x/>'],
      ['constructor', '{}'],
      ['adzuna', 42],
    ] as const) {
      assert.deepEqual(
        await parsePayloadLazily(format as PayloadFormat, body as string, context),
        parsePayload(format as PayloadFormat, body as string, context),
      );
    }
  });

  it("loads neither the HTML tokenizer nor France Travail's parser for an Adzuna page", async function () {
    this.timeout(60_000);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-lazy-parser-'));
    try {
      const record = path.join(dir, 'modules.txt');
      const script = [
        "import { readFileSync } from 'node:fs';",
        `const { parsePayloadLazily } = await import(${JSON.stringify(path.join(HERE, 'parse-payload-lazily.ts'))});`,
        `const body = readFileSync(${JSON.stringify(path.join(FIXTURES, 'adzuna-search.json'))}, 'utf8');`,
        `const out = await parsePayloadLazily('adzuna', body, ${JSON.stringify(context)});`,
        'if (out.postings.length === 0) process.exit(3);',
      ].join('\n');
      await promisify(execFile)(
        process.execPath,
        [
          '--import',
          path.join(ROOT, 'test/support/record-module-urls.mjs'),
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ],
        { cwd: ROOT, env: { ...process.env, JOBBENCH_RECORD_MODULES: record } },
      );
      const urls = (await readFile(record, 'utf8')).split('\n').filter(Boolean);
      assert.ok(
        urls.some((url) => url.endsWith('/parse-adzuna.ts')),
        'the recorder saw the Adzuna parser',
      );
      for (const unwanted of [
        '/node_modules/htmlparser2/',
        '/parse-jsonld.ts',
        '/parse-france-travail.ts',
        '/node_modules/cheerio/',
      ])
        assert.deepEqual(
          urls.filter((url) => url.includes(unwanted)),
          [],
          unwanted,
        );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
