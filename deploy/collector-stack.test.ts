import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { COLLECTOR_ZIP } from '../scripts/package-collector.ts';
import { needs } from '../test/support/needs.ts';

/** A Terraform interpolation as cdktf writes it into the JSON. */
const terraform = (expression: string) => `\${${expression}}`;

interface AwsStackJson {
  variable: Record<string, { default?: unknown }>;
  resource: { aws_lambda_function: Record<string, { filename: string; source_code_hash: string; handler: string }> };
}

describe('the AWS stack deploys the zip npm run package:collector builds', function () {
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

  it('by default, from cdktf.out/stacks/aws where `jobbench infra synth` writes it', function () {
    const fromStackDir = path.join(PROJECT_ROOT, 'cdktf.out', 'stacks', 'aws');
    const zip = path.resolve(fromStackDir, String(stack.variable.collector_package!.default));
    assert.equal(zip, path.join(PROJECT_ROOT, COLLECTOR_ZIP));
  });

  it('with its hash, so a changed bundle is redeployed, and its handler', function () {
    const collector = stack.resource.aws_lambda_function.collector!;
    assert.equal(collector.filename, terraform('var.collector_package'));
    assert.equal(collector.source_code_hash, terraform('filebase64sha256(var.collector_package)'));
    assert.equal(collector.handler, 'index.handler');
  });
});
