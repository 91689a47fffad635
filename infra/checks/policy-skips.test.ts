import assert from 'node:assert/strict';
import { parseCheckovReport } from './checkov.ts';
import { parsePolicySkips, reconcile, sameResource, type CheckovFailure } from './policy-skips.ts';

const REASON = 'Cross-region replication doubles storage for a rebuildable lake.';

describe('policy skips', () => {
  it('parses entries with a check id, cloud, resources and a reason', () => {
    const skips = parsePolicySkips(
      `skips:\n  - check: CKV_AWS_144\n    cloud: aws\n    resources: [aws_s3_bucket.lake]\n    reason: ${REASON}\n`,
    );
    assert.deepEqual(skips, [
      { check: 'CKV_AWS_144', cloud: 'aws', resources: ['aws_s3_bucket.lake'], reason: REASON },
    ]);
  });

  it('refuses an entry without a written reason', () => {
    assert.throws(
      () =>
        parsePolicySkips(
          'skips:\n  - check: CKV_AWS_144\n    cloud: aws\n    resources: [aws_s3_bucket.lake]\n    reason: cost\n',
        ),
      /written reason/,
    );
  });

  it('refuses an entry that is not a checkov id or names no resource address', () => {
    assert.throws(
      () => parsePolicySkips(`skips:\n  - check: S3_1\n    cloud: aws\n    resources: [a.b]\n    reason: ${REASON}\n`),
      /checkov id/,
    );
    assert.throws(
      () =>
        parsePolicySkips(
          `skips:\n  - check: CKV_AWS_1\n    cloud: aws\n    resources: [lake]\n    reason: ${REASON}\n`,
        ),
      /resources/,
    );
  });

  it('matches checkov resource names with or without the resource type', () => {
    assert.equal(sameResource('aws_s3_bucket.lake', 'aws_s3_bucket.lake'), true);
    assert.equal(sameResource('resource.trail', 'aws_cloudtrail.trail'), true);
    assert.equal(sameResource('resource.trail', 'aws_cloudtrail.other'), false);
    assert.equal(sameResource('aws_s3_bucket.logs', 'aws_s3_bucket.lake'), false);
  });

  it('reports failures no skip accepts and skips that match no failure', () => {
    const failures: CheckovFailure[] = [
      { check: 'CKV_AWS_144', cloud: 'aws', resource: 'aws_s3_bucket.lake', title: 'replication' },
      { check: 'CKV_AWS_144', cloud: 'aws', resource: 'aws_s3_bucket.logs', title: 'replication' },
      { check: 'CKV_AWS_117', cloud: 'aws', resource: 'resource.collector', title: 'vpc' },
    ];
    const skips = [
      { check: 'CKV_AWS_144', cloud: 'aws', resources: ['aws_s3_bucket.lake', 'aws_s3_bucket.gone'], reason: REASON },
      { check: 'CKV_AWS_117', cloud: 'gcp', resources: ['aws_lambda_function.collector'], reason: REASON },
    ];
    const { unexpected, stale } = reconcile(failures, skips);
    assert.deepEqual(
      unexpected.map((f) => f.resource),
      ['aws_s3_bucket.logs', 'resource.collector'],
    );
    assert.deepEqual(stale, ['CKV_AWS_144 aws aws_s3_bucket.gone', 'CKV_AWS_117 gcp aws_lambda_function.collector']);
  });

  it('reads failed checks from a checkov JSON report', () => {
    const report = JSON.stringify({
      check_type: 'terraform_json',
      results: { failed_checks: [{ check_id: 'CKV_AWS_157', resource: 'resource.db', check_name: 'Multi-AZ' }] },
      summary: { passed: 3, failed: 1, parsing_errors: 0 },
    });
    assert.deepEqual(parseCheckovReport(report, 'aws'), [
      { check: 'CKV_AWS_157', cloud: 'aws', resource: 'resource.db', title: 'Multi-AZ' },
    ]);
    assert.throws(
      () => parseCheckovReport(JSON.stringify({ summary: { parsing_errors: 1 } }), 'aws'),
      /could not parse/,
    );
  });
});
