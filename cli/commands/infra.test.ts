import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { infraSynthCommand, parseInfraClouds } from './infra.ts';
import { synthStacks } from '../../infra/app.ts';

describe('infra synth', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-infra-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes stacks/<cloud>/cdk.tf.json for the clouds asked, and only those', async () => {
    const stacks = await synthStacks({ outdir: path.join(dir, 'nested', 'out'), clouds: ['gcp'] });
    assert.deepEqual(stacks, [{ cloud: 'gcp', file: path.join(dir, 'nested', 'out', 'stacks', 'gcp', 'cdk.tf.json') }]);
    const doc = JSON.parse(await readFile(stacks[0]!.file, 'utf8')) as { resource: Record<string, unknown> };
    assert.ok('google_storage_bucket' in doc.resource);
    assert.equal(existsSync(path.join(dir, 'nested', 'out', 'stacks', 'aws')), false);
  });

  it('infraSynthCommand prints one path per stack and exits 0', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await infraSynthCommand(
      { clouds: ['aws', 'azure'], outdir: dir },
      { stdout: (s) => out.push(s), stderr: (s) => err.push(s) },
    );
    assert.equal(code, 0, err.join(''));
    const printed = out.join('').trim().split('\n');
    assert.equal(printed.length, 2);
    assert.match(printed[0]!, /stacks[/\\]aws[/\\]cdk\.tf\.json$/);
    assert.match(printed[1]!, /stacks[/\\]azure[/\\]cdk\.tf\.json$/);
    assert.ok(existsSync(path.resolve(printed[1]!)));
    assert.match(err.join(''), /terraform init && terraform apply/);
  });

  it('infraSynthCommand exits 2 when no cloud is given, and --cloud parsing names the valid clouds', async () => {
    const err: string[] = [];
    assert.equal(
      await infraSynthCommand({ clouds: [], outdir: dir }, { stdout: () => {}, stderr: (s) => err.push(s) }),
      2,
    );
    assert.match(err.join(''), /no cloud/);
    assert.deepEqual(parseInfraClouds('all'), ['aws', 'gcp', 'azure']);
    assert.deepEqual(parseInfraClouds('Azure, aws,aws'), ['azure', 'aws']);
    assert.throws(() => parseInfraClouds('aws,oracle'), /unknown cloud oracle \(expected aws, gcp, azure or all\)/);
  });

  it('exits 1 with one line when the output directory cannot be written', async () => {
    const err: string[] = [];
    const blocked = path.join(dir, 'file');
    await import('node:fs/promises').then((fs) => fs.writeFile(blocked, 'x'));
    const code = await infraSynthCommand(
      { clouds: ['gcp'], outdir: path.join(blocked, 'out') },
      { stdout: () => {}, stderr: (s) => err.push(s) },
    );
    assert.equal(code, 1);
    assert.equal(err.join('').trim().split('\n').length, 1);
  });
});
