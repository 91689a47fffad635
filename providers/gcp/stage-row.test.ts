import assert from 'node:assert/strict';
import pg from 'pg';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { makePostings } from '../testing/posting-fixtures.ts';
import { isoWeek, locationKey, nameKey, stageRow } from './stage-row.ts';

describe('gcp staging rows', function () {
  it('computes ISO weeks and days like Postgres extract(week) and isodow', function () {
    assert.deepEqual(isoWeek(new Date('2026-01-01T00:00:00Z')), { week: 1, dayOfWeek: 4 });
    assert.deepEqual(isoWeek(new Date('2027-01-01T12:00:00Z')), { week: 53, dayOfWeek: 5 });
    assert.deepEqual(isoWeek(new Date('2026-11-29T23:59:00Z')), { week: 48, dayOfWeek: 7 });
    assert.deepEqual(isoWeek(new Date('2024-12-30T00:00:00Z')), { week: 1, dayOfWeek: 1 });
  });

  it('keys locations exactly as the Postgres merge does', async function () {
    needs(this, 'emulators');
    const posting = makePostings(1)[0]!;
    const client = new pg.Client({ connectionString: emulatorEnv('aws').JOBBENCH_AWS_DATABASE_URL });
    await client.connect();
    try {
      const { city, postalCode, departement, region, country } = posting.location;
      const result = await client.query<{ key: string }>(
        "SELECT md5(concat_ws('|', $1::text, $2::text, $3::text, $4::text, $5::text)) AS key",
        [city, null, departement, region, country],
      );
      assert.equal(
        locationKey({ ...posting, location: { ...posting.location, postalCode: null } }),
        result.rows[0]!.key,
      );
      assert.notEqual(postalCode, null);
    } finally {
      await client.end();
    }
  });

  it('flattens a posting with its keys and calendar fields', function () {
    const posting = { ...makePostings(2)[1]!, skills: ['sql', 'sql', 'python'] };
    const row = stageRow(posting, 'f'.repeat(64));
    assert.equal(row.source_key, nameKey('sample'));
    assert.equal(row.company_key, posting.company === null ? null : nameKey(posting.company));
    assert.deepEqual(row.skills, ['sql', 'python']);
    assert.equal(row.posted_day, posting.postedAt!.slice(0, 10));
    assert.equal(row.posted_date_key, Number(posting.postedAt!.slice(0, 10).replaceAll('-', '')));
    assert.equal(row.salary_predicted, posting.salary.predicted);
  });
});
