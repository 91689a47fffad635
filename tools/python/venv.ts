/**
 * The project's pinned Python tooling environments (emulators, policy checks, …): one
 * virtual environment per requirements file under tools/python/, created on first use
 * under `.jobbench/venvs/<name>` and reinstalled only when that file changes.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface PythonEnv {
  /** The venv's python executable. */
  python: string;
  /** Path of a console script installed in the venv (`moto_server`, `checkov`, …). */
  bin: (name: string) => string;
}

/**
 * Ensures `.jobbench/venvs/<name>` holds exactly `tools/python/<name>.txt`.
 * `JOBBENCH_PYTHON` picks the interpreter (default `python3`).
 */
export async function ensureVenv(name: string, options: { log?: (line: string) => void } = {}): Promise<PythonEnv> {
  const requirements = path.join(HERE, `${name}.txt`);
  const text = await readFile(requirements, 'utf8');
  const digest = createHash('sha256').update(text).digest('hex');
  const dir = path.join(PROJECT_ROOT, '.jobbench', 'venvs', name);
  const stamp = path.join(dir, '.requirements.sha256');
  const env: PythonEnv = {
    python: path.join(dir, 'bin', 'python'),
    bin: (script) => path.join(dir, 'bin', script),
  };
  const current = existsSync(stamp) ? (await readFile(stamp, 'utf8')).trim() : null;
  if (current === digest && existsSync(env.python)) return env;

  options.log?.(`creating the Python environment ${name} (first use; pip install from tools/python/${name}.txt)`);
  await mkdir(path.dirname(dir), { recursive: true });
  const python = process.env.JOBBENCH_PYTHON ?? 'python3';
  if (!existsSync(env.python)) await run(python, ['-m', 'venv', dir]);
  const pipOptions = { maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 };
  await run(
    env.python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements],
    pipOptions,
  );
  await writeFile(stamp, `${digest}\n`);
  return env;
}
