import assert from 'node:assert/strict';
import { ConfigurationError } from '../errors.ts';
import { readSourceSettings, requiredVariables, secretVariables, type SourceSettings } from './source-settings.ts';
import { ADZUNA_SETTINGS } from './adzuna/settings.ts';
import { FRANCE_TRAVAIL_SETTINGS } from './francetravail/settings.ts';
import { JSONLD_SETTINGS } from './jsonld/settings.ts';
import { WTTJ_SETTINGS } from './wttj/settings.ts';
import { SAMPLE_SETTINGS } from './sample/settings.ts';

const MiB = 1024 * 1024;
const CAPS = { maxResponseBytes: 10 * MiB, maxSitemapBytes: 50 * MiB };

/** Credentials every case below carries: no error may show them. */
const SECRETS = {
  ADZUNA_APP_ID: 'adz-id-4471',
  ADZUNA_APP_KEY: 'adz-key-9923',
  FRANCE_TRAVAIL_CLIENT_ID: 'ft-id-5510',
  FRANCE_TRAVAIL_CLIENT_SECRET: 'ft-secret-7784',
};

interface TableCase {
  table: SourceSettings;
  defaults: Record<string, unknown>;
  required: string[];
  secret: string[];
  /** [variable, bad value, expected rule] */
  bad: Array<[string, string, string]>;
  typo: string;
}

const CASES: TableCase[] = [
  {
    table: ADZUNA_SETTINGS,
    defaults: {
      queries: ['data scientist', 'data engineer', 'data analyst', 'machine learning'],
      baseUrl: 'https://api.adzuna.com',
      ...CAPS,
    },
    required: ['ADZUNA_APP_ID', 'ADZUNA_APP_KEY'],
    secret: ['ADZUNA_APP_ID', 'ADZUNA_APP_KEY'],
    bad: [
      ['JOBBENCH_ADZUNA_BASE_URL', 'api.adzuna.com', 'must be an absolute URL'],
      ['JOBBENCH_ADZUNA_QUERIES', ' , ', 'must list at least one value (comma-separated)'],
      ['JOBBENCH_MAX_RESPONSE_BYTES', '10MB', 'must be a positive integer'],
    ],
    typo: 'JOBBENCH_ADZUNA_QUERY',
  },
  {
    table: FRANCE_TRAVAIL_SETTINGS,
    defaults: {
      keywords: ['data scientist', 'data engineer', 'data analyst'],
      apiBaseUrl: 'https://api.francetravail.io',
      tokenUrl: 'https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire',
      ...CAPS,
    },
    required: ['FRANCE_TRAVAIL_CLIENT_ID', 'FRANCE_TRAVAIL_CLIENT_SECRET'],
    secret: ['FRANCE_TRAVAIL_CLIENT_ID', 'FRANCE_TRAVAIL_CLIENT_SECRET'],
    bad: [
      ['JOBBENCH_FRANCE_TRAVAIL_TOKEN_URL', '/connexion/oauth2', 'must be an absolute URL'],
      ['JOBBENCH_FRANCE_TRAVAIL_ROME_CODES', ',', 'must list at least one value (comma-separated)'],
      ['JOBBENCH_MAX_SITEMAP_BYTES', '0', 'must be a positive integer'],
    ],
    typo: 'JOBBENCH_FRANCE_TRAVAIL_ROME',
  },
  {
    table: JSONLD_SETTINGS,
    defaults: { maxPagesPerRun: 100, ...CAPS },
    required: ['JOBBENCH_JSONLD_SEEDS'],
    secret: [],
    bad: [
      ['JOBBENCH_JSONLD_SEEDS', 'https://a.test/s.xml,ftp://b.test/s.xml', 'entry 2 is not an http(s) URL'],
      ['JOBBENCH_JSONLD_URL_PATTERN', '/jobs/(', 'is not a valid regular expression'],
      ['JOBBENCH_JSONLD_MAX_PAGES', 'ten', 'must be a positive integer'],
    ],
    typo: 'JOBBENCH_JSONLD_SEED',
  },
  {
    table: WTTJ_SETTINGS,
    defaults: { acknowledged: false, origin: 'https://www.welcometothejungle.com', ...CAPS },
    required: [],
    secret: [],
    bad: [['JOBBENCH_WTTJ_BASE_URL', 'ftp://www.welcometothejungle.com', 'must be an http(s) URL']],
    typo: 'JOBBENCH_WTTJ_ACKNOWLEDGED',
  },
  { table: SAMPLE_SETTINGS, defaults: {}, required: [], secret: [], bad: [], typo: 'JOBBENCH_SAMPLE_SCALE' },
];

/** A one-line ConfigurationError matching the pattern and showing no credential. */
const refused = (pattern: RegExp) => (e: unknown) =>
  e instanceof ConfigurationError &&
  pattern.test(e.message) &&
  !e.message.includes('\n') &&
  Object.values(SECRETS).every((s) => !e.message.includes(s));

for (const { table, defaults, required, secret, bad, typo } of CASES) {
  describe(`settings of source "${table.source}"`, () => {
    it('defaults when nothing is set; credentials, if any, read under their documented names', () => {
      assert.deepEqual(readSourceSettings(table, {}), defaults);
      const read = readSourceSettings(table, SECRETS) as Record<string, unknown>;
      for (const [option, field] of Object.entries(table.fields)) {
        if (field.secret) assert.equal(read[option], SECRETS[field.variable as keyof typeof SECRETS]);
      }
    });

    it('marks its credentials secret, and what it cannot run without required', () => {
      assert.deepEqual(requiredVariables(table), required);
      assert.deepEqual(secretVariables(table), secret);
    });

    for (const [variable, value, rule] of bad) {
      it(`refuses ${variable}=${JSON.stringify(value)} naming the variable, not the value nor a credential`, () => {
        const expected = new RegExp(`^source "${table.source}": ${variable} ${rule.replace(/[()]/g, '\\$&')}$`);
        assert.throws(
          () => readSourceSettings(table, { ...SECRETS, [variable]: value }),
          (e: unknown) => refused(expected)(e) && !(e as Error).message.includes(value),
        );
      });
    }

    it(`refuses the unknown ${typo}, listing the known settings`, () => {
      const known = Object.values(table.fields)
        .map((f) => f.variable)
        .filter((v) => v.startsWith(table.prefix))
        .sort();
      assert.ok(!known.includes(typo));
      const list = known.length > 0 ? known.join(', ') : `none under ${table.prefix}`;
      const expected = new RegExp(`^source "${table.source}": unknown setting ${typo} \\(known: ${list}\\)$`);
      assert.throws(() => readSourceSettings(table, { ...SECRETS, [typo]: 'x' }), refused(expected));
    });
  });
}

describe('the WTTJ opt-in setting', () => {
  it('is acknowledged by yes in any case, and by nothing else', () => {
    const acknowledged = (value: string) =>
      readSourceSettings(WTTJ_SETTINGS, { JOBBENCH_WTTJ_ACKNOWLEDGE: value }).acknowledged;
    assert.deepEqual(['yes', ' Yes ', 'no', 'true', '1'].map(acknowledged), [true, true, false, false, false]);
  });
});
