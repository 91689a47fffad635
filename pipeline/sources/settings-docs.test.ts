import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SOURCE_NAMES } from './source.ts';
import { SOURCE_SETTINGS } from './registry.ts';
import { FETCH_LIMIT_FIELDS } from './http/fetch-limit-settings.ts';
import type { SourceSettings } from './source-settings.ts';

/** The documentation is written by hand: these checks keep it equal to the one list and the settings tables. */
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const FETCH_LIMITS = Object.values(FETCH_LIMIT_FIELDS).map((f) => f.variable);
const variablesOf = (table: SourceSettings) => Object.values(table.fields).map((f) => f.variable);
/** Backticked variable names in a text (`JOBBENCH_ADZUNA_QUERIES`, `ADZUNA_APP_ID`…). */
const namesIn = (text: string) => [...text.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1]!);
/** Names under a prefix anywhere in a text, backticked or not (prose, `NAME=value` lines). */
const prefixedIn = (text: string, prefix: string) => [
  ...new Set(text.match(new RegExp(`\\b${prefix}[A-Z0-9_]+`, 'g')) ?? []),
];

describe('source settings in the documentation', () => {
  const index = read('docs/sources/README.md');
  const rows = index
    .split('\n')
    .filter((line) => /^\| `[a-z]+` \|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));

  it('docs/sources/README.md lists every source of SOURCE_NAMES, in order, and no other', () => {
    assert.deepEqual(
      rows.map((cells) => cells[1]),
      SOURCE_NAMES.map((name) => `\`${name}\``),
    );
  });

  for (const name of SOURCE_NAMES) {
    const table = SOURCE_SETTINGS[name];
    const own = variablesOf(table).filter((v) => !FETCH_LIMITS.includes(v));

    it(`${name}: the index row names its settings, the required ones in bold`, () => {
      const cell = rows.find((cells) => cells[1] === `\`${name}\``)?.[4] ?? '';
      assert.deepEqual(namesIn(cell), own);
      const bold = [...cell.matchAll(/\*\*`([A-Z0-9_]+)`\*\*/g)].map((m) => m[1]);
      assert.deepEqual(
        bold,
        Object.values(table.fields)
          .filter((f) => f.required)
          .map((f) => f.variable),
      );
    });

    it(`${name}: its page and .env.example name every setting, and no ${table.prefix}* the table does not know`, () => {
      const pages = table.docs === null ? [] : [read(table.docs)];
      for (const text of [...pages, read('.env.example')]) {
        for (const variable of variablesOf(table)) assert.ok(text.includes(variable), `${variable} missing`);
        assert.deepEqual(
          prefixedIn(text, table.prefix).filter((v) => !variablesOf(table).includes(v)),
          [],
        );
      }
    });
  }
});
