import assert from 'node:assert/strict';
import { isConfigurationError } from './errors.ts';
import { withSourceKeys } from './source-keys.ts';

const KEYS = {
  ADZUNA_APP_ID: 'id-from-secret',
  ADZUNA_APP_KEY: 'key-from-secret',
  FRANCE_TRAVAIL_CLIENT_ID: 'client-from-secret',
  FRANCE_TRAVAIL_CLIENT_SECRET: 'secret-from-secret',
};

describe('withSourceKeys', function () {
  it("lays the secret's keys over the environment", function () {
    const env = withSourceKeys({ ADZUNA_APP_ID: 'from-env', HOME: '/h' }, 'jobbench/keys', JSON.stringify(KEYS));
    assert.deepEqual(env, { ...KEYS, HOME: '/h' });
  });

  for (const [what, text] of [
    ['text that is not JSON', '{"ADZUNA_APP_ID": "id-from-secret"'],
    ['a JSON array', '["id-from-secret"]'],
    ['an unknown name', JSON.stringify({ ...KEYS, ADZUNA_APP_SECRET: 'id-from-secret' })],
    ['an empty value', JSON.stringify({ ...KEYS, ADZUNA_APP_ID: '' })],
    ['a value that is not text', JSON.stringify({ ...KEYS, ADZUNA_APP_KEY: 42 })],
  ] as const) {
    it(`refuses ${what} with a configuration error naming the secret, never a value`, function () {
      assert.throws(
        () => withSourceKeys({}, 'jobbench/keys', text),
        (error: unknown) => {
          assert.ok(isConfigurationError(error));
          const message = (error as Error).message;
          assert.match(message, /jobbench\/keys/);
          assert.doesNotMatch(message, /from-secret/);
          return true;
        },
      );
    });
  }
});
