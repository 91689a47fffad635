/**
 * Every variable a synthesized stack sets on a deployed job is one the code reads: a name
 * under a provider's prefix must be known to that provider's config reader (which rejects
 * unknown names, so a job with a stray one would fail at start), and any other name must be
 * one the collector or an SDK reads. Every synthesized stack also starts from the region its
 * provider uses when none is set.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AWS_CONFIG, DEFAULT_AWS_REGION } from '../../providers/aws/config.ts';
import { AZURE_CONFIG, DEFAULT_AZURE_REGION } from '../../providers/azure/config.ts';
import { type ConfigField, type Env, readConfig } from '../../providers/core/config.ts';
import { DEFAULT_GCP_LOCATION, GCP_CONFIG } from '../../providers/gcp/config.ts';
import { blocks, type TfJson } from './tf-json.ts';
import { SOURCE_KEY_NAMES } from '../../pipeline/source-keys.ts';

const READERS: Record<string, { prefix: string; table: readonly ConfigField[]; region: string }> = {
  aws: { prefix: 'JOBBENCH_AWS_', table: AWS_CONFIG, region: DEFAULT_AWS_REGION },
  gcp: { prefix: 'JOBBENCH_GCP_', table: GCP_CONFIG, region: DEFAULT_GCP_LOCATION },
  azure: { prefix: 'JOBBENCH_AZURE_', table: AZURE_CONFIG, region: DEFAULT_AZURE_REGION },
};

/**
 * Names read outside the providers' tables: the AWS collector's secret id (pipeline/source-keys.ts), the
 * sources' API keys the GCP and Azure jobs receive from their secret stores (the sources' settings
 * tables, pipeline/sources/<name>/settings.ts), the SDKs' own.
 */
const OTHER_READERS = new Set(['JOBBENCH_SOURCE_SECRET_ID', ...SOURCE_KEY_NAMES, 'AZURE_CLIENT_ID']);

/** Names of every variable set on a job: Lambda `environment.variables`, container `env[].name`. */
function jobVariables(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) jobVariables(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'environment') for (const b of blocks(child)) out.push(...Object.keys(blocks(b.variables)[0] ?? {}));
      if (key === 'env') for (const b of blocks(child)) if (typeof b.name === 'string') out.push(b.name);
      jobVariables(child, out);
    }
  }
  return out;
}

/** What the config reader says of `env`, or null when it accepts it. */
function readerProblem(cloud: string, reader: { prefix: string; table: readonly ConfigField[] }, env: Env) {
  try {
    readConfig(cloud, reader.prefix, reader.table, env);
    return null;
  } catch (error) {
    return String(error);
  }
}

describe('the environment the stacks give their jobs', function () {
  this.timeout(120_000);
  const docs: Record<string, TfJson> = {};
  let outdir: string;

  before(async () => {
    outdir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-job-env-'));
    // Loaded here: app.ts has a top-level await, which would make mocha load this file as a second ESM copy.
    const { synthStacks } = await import('../app.ts');
    for (const stack of await synthStacks({ outdir })) docs[stack.cloud] = JSON.parse(readFileSync(stack.file, 'utf8'));
  });
  after(async () => {
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  for (const [cloud, reader] of Object.entries(READERS)) {
    it(`${cloud}: sets only variables its config reader or the collector knows`, () => {
      const names = jobVariables(docs[cloud]!.resource);
      assert.ok(
        names.some((n) => n.startsWith(reader.prefix)),
        `the ${cloud} collector is given its settings`,
      );
      const env = Object.fromEntries(names.filter((n) => n.startsWith(reader.prefix)).map((n) => [n, 'x']));
      // A missing required setting is not this test's concern; an unknown name is.
      const problem = readerProblem(cloud, reader, env);
      assert.doesNotMatch(problem ?? '', /unknown setting/);
      const others = names.filter((n) => !n.startsWith(reader.prefix) && !OTHER_READERS.has(n));
      assert.deepEqual(others, [], `variables nothing reads: ${others.join(', ')}`);
    });

    it(`${cloud}: defaults to the region its provider uses`, () => {
      assert.equal(docs[cloud]!.variable?.region?.default, reader.region);
    });
  }

  it('would catch a variable the reader rejects', () => {
    assert.throws(
      () => readConfig('azure', 'JOBBENCH_AZURE_', AZURE_CONFIG, { JOBBENCH_AZURE_ACCOUNT_NAME: 'x' }),
      /unknown setting JOBBENCH_AZURE_ACCOUNT_NAME/,
    );
  });
});
