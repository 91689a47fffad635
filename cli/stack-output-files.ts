/** `--stack-outputs a.json,b.json`: each deployed stack's Terraform outputs laid over the environment, in order. */
import path from 'node:path';
import type { Io } from './io.ts';

export async function withStackOutputFiles(io: Io, files: readonly string[]): Promise<Io> {
  const { readStackOutputs, withStackOutputs } = await import('../infra/stack-outputs.ts');
  let env = io.env;
  for (const file of files) env = withStackOutputs(env, await readStackOutputs(path.resolve(io.cwd, file)));
  return { ...io, env };
}
