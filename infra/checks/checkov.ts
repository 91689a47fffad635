/**
 * Runs checkov (pinned in tools/python/checkov.txt, installed by ensureVenv) on one
 * synthesized stack and returns its failed checks. Offline: `--skip-download` keeps
 * checkov from fetching guidelines and policies from its vendor's API.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CheckovFailure } from './policy-skips.ts';

const run = promisify(execFile);

interface CheckovReport {
  results?: { failed_checks?: Array<{ check_id: string; resource: string; check_name: string }> };
  summary?: { parsing_errors?: number };
}

/** checkov on `file` (a `cdk.tf.json`) with the terraform_json framework; `cloud` labels the failures. */
export async function runCheckov(checkovBin: string, file: string, cloud: string): Promise<CheckovFailure[]> {
  const args = [
    '-f',
    path.basename(file),
    '--framework',
    'terraform_json',
    '--output',
    'json',
    '--compact',
    '--quiet',
    '--skip-download',
  ];
  let stdout: string;
  try {
    ({ stdout } = await run(checkovBin, args, {
      cwd: path.dirname(file),
      maxBuffer: 64 * 1024 * 1024,
      env: checkovEnv(),
    }));
  } catch (error) {
    // checkov exits 1 when a check fails; its report is still on stdout.
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (e.code !== 1 || typeof e.stdout !== 'string' || e.stdout === '') {
      throw new Error(`checkov failed on ${file}: ${e.stderr?.slice(-2000) ?? String(error)}`, { cause: error });
    }
    stdout = e.stdout;
  }
  return parseCheckovReport(stdout, cloud);
}

/** checkov prints one report object, or a list of them when several frameworks ran. */
export function parseCheckovReport(stdout: string, cloud: string): CheckovFailure[] {
  const parsed = JSON.parse(stdout) as CheckovReport | CheckovReport[];
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  for (const report of reports) {
    if ((report.summary?.parsing_errors ?? 0) > 0) throw new Error('checkov could not parse the stack JSON');
  }
  return reports.flatMap((report) =>
    (report.results?.failed_checks ?? []).map((c) => ({
      check: c.check_id,
      cloud,
      resource: c.resource,
      title: c.check_name,
    })),
  );
}

function checkovEnv(): NodeJS.ProcessEnv {
  // No network: no Prisma Cloud mapping download, no update check.
  return { ...process.env, BC_SKIP_MAPPING: 'TRUE', CHECKOV_SKIP_VERSION_CHECK: 'TRUE', LOG_LEVEL: 'WARNING' };
}
