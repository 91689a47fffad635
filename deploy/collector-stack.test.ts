import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { LAMBDA_HANDLERS } from '../scripts/package-collector.ts';
import { needs } from '../test/support/needs.ts';

/** A Terraform interpolation as cdktf writes it into the JSON. */
const terraform = (expression: string) => `\${${expression}}`;

interface AwsStackJson {
  variable: Record<string, { default?: unknown }>;
  resource: { aws_lambda_function: Record<string, { filename: string; source_code_hash: string; handler: string }> };
}

describe('the AWS stack deploys the zips npm run package:collector builds', function () {
  this.timeout(120_000);
  let outdir: string;
  let stack: AwsStackJson;

  before(async function () {
    needs(this, 'whole-runs');
    outdir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-collector-stack-'));
    const { synthStacks } = await import('../infra/app.ts');
    const [aws] = await synthStacks({ outdir, clouds: ['aws'] });
    stack = JSON.parse(readFileSync(aws!.file, 'utf8')) as AwsStackJson;
  });
  after(async function () {
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  for (const [name, variable] of [
    ['collector', 'collector_package'],
    ['runner', 'runner_package'],
  ] as const) {
    it(`${name}: by default, from cdktf.out/stacks/aws where \`jobbench infra synth\` writes it`, function () {
      const fromStackDir = path.join(PROJECT_ROOT, 'cdktf.out', 'stacks', 'aws');
      const zip = path.resolve(fromStackDir, String(stack.variable[variable]!.default));
      assert.equal(zip, path.join(PROJECT_ROOT, LAMBDA_HANDLERS[name].zip));
    });

    it(`${name}: with its hash, so a changed bundle is redeployed, and its handler`, function () {
      const fn = stack.resource.aws_lambda_function[name]!;
      assert.equal(fn.filename, terraform(`var.${variable}`));
      assert.equal(fn.source_code_hash, terraform(`filebase64sha256(var.${variable})`));
      assert.equal(fn.handler, 'index.handler');
    });
  }
});
