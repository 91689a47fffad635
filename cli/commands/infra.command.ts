/** Declares `jobbench infra synth`; cdktf and the stacks load only when the command runs. */
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../command.ts';
import type { InfraSynthCloud } from './infra.ts';
import { oneLine, UsageError } from '../usage-error.ts';

interface InfraSynthFlags {
  cloud: string;
  outdir: string;
}

export function registerInfra(program: Command, context: CommandContext): void {
  const infra = program.command('infra').description('infrastructure as code (CDK for Terraform)');
  infra
    .command('synth')
    .description('synthesize the Terraform JSON of each cloud into <outdir>/stacks/<cloud>/cdk.tf.json')
    .option('--cloud <names>', 'aws, gcp, azure (comma-separated) or all', 'all')
    .option('--outdir <dir>', 'output directory', 'cdktf.out')
    .action(async (flags: InfraSynthFlags) => {
      const { infraSynthCommand, parseInfraClouds } = await import('./infra.ts');
      let clouds: InfraSynthCloud[];
      try {
        clouds = parseInfraClouds(flags.cloud);
      } catch (error) {
        throw new UsageError(oneLine(error));
      }
      const outdir = path.resolve(context.io.cwd, flags.outdir);
      context.setExitCode(await infraSynthCommand({ clouds, outdir }, context.io));
    });
}
