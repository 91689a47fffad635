/**
 * `jobbench infra synth [--cloud aws|gcp|azure]`: writes each cloud's Terraform JSON to
 * `<outdir>/stacks/<cloud>/cdk.tf.json` and prints the paths. cdktf loads only here, on
 * demand, so other commands never pay for it.
 */
import path from 'node:path';

export const INFRA_SYNTH_CLOUDS = ['aws', 'gcp', 'azure'] as const;
export type InfraSynthCloud = (typeof INFRA_SYNTH_CLOUDS)[number];

export interface InfraSynthOptions {
  /** Clouds to synthesize (at least one). */
  clouds: InfraSynthCloud[];
  /** Output directory, `cdktf.out` by convention (git-ignored). */
  outdir: string;
}

export interface InfraIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Parses `--cloud aws,gcp` (or `all`); throws with the valid names on a bad one. */
export function parseInfraClouds(value: string): InfraSynthCloud[] {
  const names = value
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  if (names.length === 0 || names.includes('all')) return [...INFRA_SYNTH_CLOUDS];
  const unknown = names.filter((n) => !(INFRA_SYNTH_CLOUDS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown cloud ${unknown.join(', ')} (expected ${INFRA_SYNTH_CLOUDS.join(', ')} or all)`);
  return [...new Set(names)] as InfraSynthCloud[];
}

/** Exit code 0 when every stack was written, 2 for bad options, 1 when synthesis failed. */
export async function infraSynthCommand(options: InfraSynthOptions, io: InfraIo): Promise<number> {
  if (options.clouds.length === 0) {
    io.stderr('jobbench infra synth: no cloud given (expected aws, gcp or azure)\n');
    return 2;
  }
  try {
    const { synthStacks } = await import('../../infra/app.ts');
    const stacks = await synthStacks({ outdir: options.outdir, clouds: options.clouds });
    for (const stack of stacks) io.stdout(`${path.relative(process.cwd(), stack.file) || stack.file}\n`);
    const first = stacks[0];
    if (first !== undefined) {
      io.stderr(
        `deploy: cd ${path.relative(process.cwd(), path.dirname(first.file)) || '.'} && terraform init && terraform apply ` +
          '(or tofu); then terraform output -json > outputs.json — see docs/infrastructure.md\n',
      );
    }
    return 0;
  } catch (error) {
    io.stderr(
      `jobbench infra synth failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
    );
    return 1;
  }
}
