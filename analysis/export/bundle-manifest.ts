/**
 * What the release bundle says about itself: MANIFEST.txt (for a reader: where the code
 * comes from, each part, what is missing and how to build it, what was left out, and
 * every file with its sha256) and SHA256SUMS (the same checksums in `sha256sum` format,
 * so `sha256sum -c SHA256SUMS` in the unzipped folder checks every file).
 */
import { createHash } from 'node:crypto';

export interface ManifestFile {
  /** Path inside the bundle's top folder. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ManifestPart {
  label: string;
  path: string;
  /** Files this part archived (a path an earlier part archived counts there). */
  files: number;
  /** Whether anything was found for it on disk or in git. */
  found: boolean;
  /** How to produce it when missing. */
  hint: string;
  /** Parts that may legitimately be empty are not reported missing. */
  optional: boolean;
}

export interface ManifestInput {
  name: string;
  createdAt: string;
  code: { commit: string; uncommitted: number } | null;
  parts: ManifestPart[];
  files: ManifestFile[];
  skipped: { path: string; reason: string }[];
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256Sums(files: readonly ManifestFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

export function isMissing(part: ManifestPart): boolean {
  return !part.found && !part.optional;
}

export function manifestText(input: ManifestInput): string {
  const lines = [`jobbench release bundle ${input.name}`, `created ${input.createdAt}`, ''];
  lines.push(
    input.code
      ? `Code and documentation: git commit ${input.code.commit}, as committed` +
          (input.code.uncommitted > 0
            ? ` (${input.code.uncommitted} tracked file(s) had uncommitted changes, not in this bundle).`
            : '.')
      : 'Code and documentation: not included (not made from the top of a git checkout with a commit).',
  );
  lines.push('', 'Parts:');
  for (const p of input.parts.filter((x) => x.found)) lines.push(`  ${p.label} (${p.path}): ${p.files} file(s)`);
  const missing = input.parts.filter(isMissing);
  lines.push('', missing.length === 0 ? 'Missing: nothing.' : 'Missing (not built when the bundle was made):');
  for (const p of missing) lines.push(`  ${p.label} (${p.path}) — build it with: ${p.hint}`);
  if (input.skipped.length > 0) lines.push('', 'Left out on purpose:');
  // JSON-quoted: a name with control characters shows them instead of breaking the list.
  for (const s of input.skipped) lines.push(`  ${JSON.stringify(s.path)} — ${s.reason}, not archived`);
  lines.push(
    '',
    'Figures measured on an emulator or on the local machine are labelled "emulated" in the results and dashboards;',
    'postings from the generated sample source are labelled "generated postings" in the dashboard, the analysis and the deck.',
  );
  lines.push('', `Files (${input.files.length}; sha256, bytes, path; the same checksums are in SHA256SUMS):`);
  for (const f of input.files) lines.push(`  ${f.sha256}  ${f.bytes}  ${f.path}`);
  return `${lines.join('\n')}\n`;
}
