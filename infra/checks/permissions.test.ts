/**
 * The stacks grant exactly what the code does (issue #17): the collector's, the operator's
 * (a benchmark run, its resume, `results pull`) and the in-region runner's storage requests are recorded on the emulators (./test-support/lake-work.ts, ./test-support/record-s3-use.ts), and
 * each role of the synthesized stacks must grant those actions on those lake prefixes, and
 * nothing broader.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import type { LakeRole } from './test-support/lake-work.ts';
import { recordS3LakeUse } from './test-support/record-s3-use.ts';
import { type LakeGrant, s3PolicyGrants } from './s3-grants.ts';
import type { TfJson } from './tf-json.ts';

const sorted = (grants: Iterable<LakeGrant>) => [...grants].sort();

describe('stack permissions match what the code does', function () {
  this.timeout(600_000);
  let used: Record<LakeRole, Set<LakeGrant>>;
  let aws: TfJson;
  let outdir: string;

  before(async function () {
    needs(this, 'emulators');
    outdir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-permissions-'));
    // Loaded here: app.ts has a top-level await, which would make mocha load this file as a second ESM copy.
    const { synthStacks } = await import('../app.ts');
    const [stack] = await synthStacks({ outdir, clouds: ['aws'] });
    aws = JSON.parse(readFileSync(stack!.file, 'utf8')) as TfJson;
    used = await recordS3LakeUse(emulatorEnv('aws'));
  });
  after(async () => {
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  it('records a collector that only writes raw pages, manifests and cursors', () => {
    const prefixes = new Set(sorted(used.collector).map((g) => g.split(' ')[1]));
    assert.ok(
      [...prefixes].every((p) => ['raw/', 'runs/', 'state/'].includes(p!)),
      [...prefixes].join(', '),
    );
  });

  for (const [role, document] of [
    ['collector', 'collector_policy_document'],
    ['pipeline', 'pipeline_policy_document'],
    ['runner', 'runner_policy_document'],
  ] as const) {
    it(`AWS: the ${role} role grants exactly the S3 actions and prefixes it uses`, () => {
      assert.deepEqual(sorted(s3PolicyGrants(aws, document)), sorted(used[role]));
    });
  }
});
