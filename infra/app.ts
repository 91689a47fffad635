/**
 * The CDK for Terraform app (cdktf.json `"app": "npx tsx infra/app.ts"`): builds
 * the AWS, GCP and Azure stacks and synthesizes each to `<outdir>/stacks/<cloud>/cdk.tf.json`,
 * plain Terraform JSON that Terraform or OpenTofu apply without cdktf.
 *
 * Only this file and the `stack.ts` files import cdktf; runtime code learns the deployed
 * names from `terraform output -json` (infra/stack-outputs.ts), never from here.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'cdktf';

/** The clouds that have a stack. */
export const INFRA_CLOUDS = ['aws', 'gcp', 'azure'] as const;
export type InfraCloud = (typeof INFRA_CLOUDS)[number];

export interface SynthOptions {
  /** Directory receiving `stacks/<cloud>/cdk.tf.json` and cdktf's `manifest.json`. */
  outdir: string;
  /** Stacks to synthesize; all three when omitted. */
  clouds?: readonly InfraCloud[];
}

export interface SynthesizedStack {
  cloud: InfraCloud;
  /** Absolute path of the stack's Terraform JSON. */
  file: string;
}

/** Each stack module is imported only when asked for, so one cloud's synth never loads the others' providers. */
const STACKS: Record<InfraCloud, (app: App) => Promise<void>> = {
  aws: async (app) => {
    const { AwsStack } = await import('./aws/stack.ts');
    new AwsStack(app, 'aws');
  },
  gcp: async (app) => {
    const { GcpStack } = await import('./gcp/stack.ts');
    new GcpStack(app, 'gcp');
  },
  azure: async (app) => {
    const { AzureStack } = await import('./azure/stack.ts');
    new AzureStack(app, 'azure');
  },
};

/** Synthesizes the requested stacks (in the order of INFRA_CLOUDS) and returns where each landed. */
export async function synthStacks(options: SynthOptions): Promise<SynthesizedStack[]> {
  const outdir = path.resolve(options.outdir);
  const requested = options.clouds ?? INFRA_CLOUDS;
  const clouds = INFRA_CLOUDS.filter((cloud) => requested.includes(cloud));
  // skipValidation: cdktf's validations only look for a Terraform provider lock and
  // version constraints we do not need offline; the stacks are checked by tests instead.
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, skipValidation: true, stackTraces: false });
  for (const cloud of clouds) await STACKS[cloud](app);
  app.synth();
  return clouds.map((cloud) => ({ cloud, file: path.join(outdir, 'stacks', cloud, 'cdk.tf.json') }));
}

// `cdktf synth` runs this file: it passes the output directory in CDKTF_OUTDIR.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const stacks = await synthStacks({ outdir });
  for (const stack of stacks) process.stdout.write(`${stack.file}\n`);
}
