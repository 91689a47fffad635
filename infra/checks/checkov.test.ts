/**
 * The synthesized stacks pass checkov: every failed check is listed, with its reason, in
 * infra/policy-skips.yaml, and every listed skip still matches a failure. The first run
 * on a fresh machine creates the checkov virtual environment (pip install, minutes).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVenv } from '../../tools/python/venv.ts';
import { synthStacks, type SynthesizedStack } from '../app.ts';
import { runCheckov } from './checkov.ts';
import { loadPolicySkips, reconcile, type CheckovFailure } from './policy-skips.ts';
import { needs } from '../../test/support/needs.ts';

const SKIPS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'policy-skips.yaml');

describe('checkov on the synthesized stacks', function () {
  this.timeout(20 * 60_000);
  let outdir: string;
  let stacks: SynthesizedStack[];
  let checkov: string;
  const failures: CheckovFailure[] = [];

  before(async function () {
    needs(this, 'python');
    const env = await ensureVenv('checkov');
    checkov = env.bin('checkov');
    outdir = await mkdtemp(path.join(tmpdir(), 'jobbench-checkov-'));
    stacks = await synthStacks({ outdir });
    for (const stack of stacks) failures.push(...(await runCheckov(checkov, stack.file, stack.cloud)));
  });

  after(async () => {
    if (outdir !== undefined) await rm(outdir, { recursive: true, force: true });
  });

  it('scans all three stacks', () => {
    assert.deepEqual(
      stacks.map((s) => s.cloud),
      ['aws', 'gcp', 'azure'],
    );
  });

  it('finds no failed check that infra/policy-skips.yaml does not accept', async () => {
    const { unexpected } = reconcile(failures, await loadPolicySkips(SKIPS_FILE));
    assert.deepEqual(
      unexpected.map((f) => `${f.cloud} ${f.check} ${f.resource}: ${f.title}`),
      [],
      'fix the resource, or list the check with a written reason in infra/policy-skips.yaml',
    );
  });

  it('lists no stale skip in infra/policy-skips.yaml', async () => {
    const { stale } = reconcile(failures, await loadPolicySkips(SKIPS_FILE));
    assert.deepEqual(stale, [], 'these skips match no failure any more: remove them');
  });
});
