import assert from 'node:assert/strict';
import { ConfigurationError } from '../errors.ts';
import {
  missingSettings,
  readSourceSettings,
  requiredVariables,
  secretValues,
  secretVariables,
  setting,
  SettingParseError,
  type SourceSettings,
} from './source-settings.ts';
import { httpUrl, httpUrlList, list, positiveInteger, regularExpression, text, url, yes } from './setting-parsers.ts';

const TABLE = {
  source: 'demo',
  prefix: 'JOBBENCH_DEMO_',
  docs: null,
  fields: {
    token: setting({ variable: 'DEMO_TOKEN', parse: text, required: true, secret: true }),
    pin: setting({
      variable: 'JOBBENCH_DEMO_PIN',
      secret: true,
      parse: (value: string) => {
        if (!/^\d{4}$/.test(value)) throw new SettingParseError('must be four digits');
        return value;
      },
    }),
    limit: setting({ variable: 'JOBBENCH_DEMO_LIMIT', parse: positiveInteger, default: 7 }),
    terms: setting<readonly string[]>({ variable: 'JOBBENCH_DEMO_TERMS', parse: list }),
  },
} as const satisfies SourceSettings;

const configurationError =
  (pattern: RegExp, ...absent: string[]) =>
  (e: unknown) =>
    e instanceof ConfigurationError && pattern.test(e.message) && absent.every((value) => !e.message.includes(value));

describe('readSourceSettings', () => {
  it('parses what is set, applies defaults, and leaves out what is unset or blank', () => {
    const env = { DEMO_TOKEN: ' t0ken ', JOBBENCH_DEMO_TERMS: 'a, b,,c ', JOBBENCH_DEMO_PIN: '   ' };
    assert.deepEqual(readSourceSettings(TABLE, env), { token: 't0ken', limit: 7, terms: ['a', 'b', 'c'] });
    assert.deepEqual(readSourceSettings(TABLE, { JOBBENCH_DEMO_LIMIT: '12' }), { limit: 12 });
  });

  it('names the variable and the rule of a bad value, never the value', () => {
    assert.throws(
      () => readSourceSettings(TABLE, { JOBBENCH_DEMO_LIMIT: '12 pages' }),
      configurationError(/^source "demo": JOBBENCH_DEMO_LIMIT must be a positive integer$/, '12 pages'),
    );
    assert.throws(
      () => readSourceSettings(TABLE, { JOBBENCH_DEMO_PIN: 'secret-pin-value' }),
      configurationError(/^source "demo": JOBBENCH_DEMO_PIN must be four digits$/, 'secret-pin-value'),
    );
  });

  it('refuses an unknown variable under the prefix, naming it and the known ones, in one line', () => {
    assert.throws(
      () => readSourceSettings(TABLE, { DEMO_TOKEN: 'visible-1', JOBBENCH_DEMO_TERM: 'x', JOBBENCH_DEMO_ZZZ: '' }),
      configurationError(
        new RegExp(
          '^source "demo": unknown setting JOBBENCH_DEMO_TERM, JOBBENCH_DEMO_ZZZ ' +
            '\\(known: JOBBENCH_DEMO_LIMIT, JOBBENCH_DEMO_PIN, JOBBENCH_DEMO_TERMS\\)$',
        ),
        'visible-1',
      ),
    );
    const empty = { source: 'none', prefix: 'JOBBENCH_NONE_', docs: null, fields: {} } as const;
    assert.throws(
      () => readSourceSettings(empty, { JOBBENCH_NONE_X: '1' }),
      configurationError(/unknown setting JOBBENCH_NONE_X \(known: none under JOBBENCH_NONE_\)/),
    );
    assert.deepEqual(readSourceSettings(empty, { JOBBENCH_OTHER_X: '1', DEMO_TOKEN: 'y' }), {});
  });

  it("lets a parser's own bug through rather than dress it as a bad setting", () => {
    const bug = () => {
      throw new TypeError('bug');
    };
    const buggy = { ...TABLE, fields: { x: setting({ variable: 'JOBBENCH_DEMO_X', parse: bug }) } };
    assert.throws(() => readSourceSettings(buggy, { JOBBENCH_DEMO_X: '1' }), TypeError);
  });
});

describe('required and secret fields', () => {
  it('finds the required settings neither the environment nor the options set', () => {
    assert.deepEqual(missingSettings(TABLE, {}), ['DEMO_TOKEN']);
    assert.deepEqual(missingSettings(TABLE, { token: '' }), ['DEMO_TOKEN']);
    assert.deepEqual(missingSettings(TABLE, { token: 'from-an-option' }), []);
    const seeds = setting({ variable: 'JOBBENCH_DEMO_SEEDS', parse: list, required: true, hint: 'start URLs' });
    const hinted = { ...TABLE, fields: { seeds } };
    assert.deepEqual(missingSettings(hinted, {}), ['JOBBENCH_DEMO_SEEDS (start URLs)']);
  });

  it('derives the required and the secret variables, and the values to mask', () => {
    assert.deepEqual(requiredVariables(TABLE), ['DEMO_TOKEN']);
    assert.deepEqual(secretVariables(TABLE), ['DEMO_TOKEN', 'JOBBENCH_DEMO_PIN']);
    assert.deepEqual(secretValues(TABLE, { token: 'tok-1', pin: '1234', limit: 3, terms: ['x'] }), ['tok-1', '1234']);
    assert.deepEqual(secretValues(TABLE, { limit: 3 }), []);
  });
});

describe('setting parsers', () => {
  const rule = (parse: (value: string) => unknown, value: string) => {
    try {
      parse(value);
    } catch (error) {
      assert.ok(error instanceof SettingParseError);
      assert.ok(!error.message.includes(value), error.message);
      return error.message;
    }
    return null;
  };

  it('list: comma-separated, trimmed, at least one entry', () => {
    assert.deepEqual(list(' data scientist ,ml engineer'), ['data scientist', 'ml engineer']);
    assert.equal(rule(list, ' , ,'), 'must list at least one value (comma-separated)');
  });

  it('url: any absolute URL; httpUrl: http or https only', () => {
    assert.equal(url('ftp://api.example.org'), 'ftp://api.example.org');
    assert.equal(rule(url, 'api.example.org/v1'), 'must be an absolute URL');
    assert.equal(httpUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(rule(httpUrl, 'ftp://api.example.org'), 'must be an http(s) URL');
    assert.equal(rule(httpUrl, 'not a url'), 'must be an http(s) URL');
  });

  it('httpUrlList: names a bad entry by its position', () => {
    const entries = ['https://a.test/s.xml', 'http://b.test/jobs'];
    assert.deepEqual(httpUrlList(entries.join(', ')), entries);
    assert.equal(rule(httpUrlList, 'https://a.test/s.xml, file:///etc/passwd?k=k3y'), 'entry 2 is not an http(s) URL');
  });

  it('positiveInteger: whole numbers from 1 up to the safe range', () => {
    assert.equal(positiveInteger('2048'), 2048);
    for (const bad of ['0', '-1', '1.5', '10MB', '1e3', '99999999999999999999']) {
      assert.equal(rule(positiveInteger, bad), 'must be a positive integer', bad);
    }
  });

  it('regularExpression and yes', () => {
    assert.ok(regularExpression('/jobs/').test('/fr/jobs/1'));
    assert.equal(rule(regularExpression, '(['), 'is not a valid regular expression');
    assert.deepEqual(['yes', 'YES', 'no', 'true', 'maybe'].map(yes), [true, true, false, false, false]);
  });
});
