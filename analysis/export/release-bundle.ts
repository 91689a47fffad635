/**
 * The release bundle: one zip with what a reader of the study needs (docs, dashboards,
 * results, the market snapshot, analyses, slides). Parts that were never built are not
 * an error: MANIFEST.txt inside the archive lists what is in it and what was missing,
 * with the command that builds it.
 */
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** One part of the bundle: files under `dir` (recursively when `recursive`) matching `match`, or one `file`. */
export interface BundlePart {
  label: string;
  /** Project-relative file or directory. */
  path: string;
  kind: 'file' | 'dir';
  recursive?: boolean;
  match?: RegExp;
  /** How to produce it when missing. */
  hint: string;
}

export const RELEASE_PARTS: readonly BundlePart[] = [
  { label: 'documentation', path: 'docs', kind: 'dir', recursive: true, hint: 'part of the repository' },
  { label: 'dashboards', path: 'dashboards/out', kind: 'dir', match: /\.html$/, hint: 'jobbench run (or jobbench dashboards)' },
  { label: 'latest results', path: 'results/latest.json', kind: 'file', hint: 'jobbench run' },
  { label: 'market snapshot', path: 'results/market-latest.json', kind: 'file', hint: 'jobbench run' },
  { label: 'analyses', path: 'results/analysis', kind: 'dir', hint: 'jobbench analyze' },
  { label: 'slides', path: 'slides/out', kind: 'dir', hint: 'npm run slides' },
];

export interface BundleInfo {
  file: string;
  /** Project-relative paths of the files archived (MANIFEST.txt aside). */
  included: string[];
  /** Labels of the parts that had no file. */
  missing: string[];
  /** Symbolic links and misleading names found in the parts, not archived. */
  skipped: SkippedPath[];
  bytes: number;
}

/** A file or folder left out of the archive on purpose, and why (listed in MANIFEST.txt). */
export interface SkippedPath {
  /** Project-relative path as found on disk. */
  path: string;
  reason: 'a symbolic link' | 'a name an unzip could read as a path';
}

/**
 * A backslash is a separator to Windows unzip tools (`x\..\..\evil` climbs out of the
 * folder there; yazl itself turns it into `/` and then refuses the `..`), and control
 * characters hide what a name is. Such names are left out rather than renamed.
 */
const MISLEADING_NAME = /[\\\u0000-\u001f\u007f]/;

/**
 * The files of one part. Symbolic links are never followed: a link planted in
 * `results/` pointing at `~/.aws/credentials` must not put the secret in a zip that is
 * meant to be shared.
 */
async function filesOf(root: string, part: BundlePart, exclude: string, skipped: SkippedPath[]): Promise<string[]> {
  const full = path.join(root, part.path);
  const info = await lstat(full).catch(() => null);
  if (!info) return [];
  if (info.isSymbolicLink()) {
    skipped.push({ path: part.path, reason: 'a symbolic link' });
    return [];
  }
  if (part.kind === 'file') return info.isFile() ? [part.path] : [];
  if (!info.isDirectory()) return [];
  const out: string[] = [];
  const walk = async (rel: string) => {
    for (const entry of (await readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.posix.join(rel, entry.name);
      if (entry.name.startsWith('.') || entry.name.endsWith('.tmp')) continue;
      if (entry.isSymbolicLink()) {
        skipped.push({ path: child, reason: 'a symbolic link' });
      } else if (MISLEADING_NAME.test(entry.name)) {
        skipped.push({ path: child, reason: 'a name an unzip could read as a path' });
      } else if (entry.isDirectory()) {
        if (part.recursive) await walk(child);
      } else if (entry.isFile() && (!part.match || part.match.test(entry.name)) && path.resolve(root, child) !== exclude) {
        out.push(child);
      }
    }
  };
  await walk(part.path);
  return out;
}

function manifest(name: string, createdAt: string, included: { rel: string; bytes: number }[], missing: BundlePart[], skipped: SkippedPath[]): string {
  const lines = [`jobbench release bundle ${name}`, `created ${createdAt}`, '', `Included (${included.length} files):`];
  for (const f of included) lines.push(`  ${f.rel}  ${f.bytes} bytes`);
  lines.push('', missing.length === 0 ? 'Missing: nothing.' : 'Missing (not built when the bundle was made):');
  for (const p of missing) lines.push(`  ${p.label} (${p.path}) — build it with: ${p.hint}`);
  if (skipped.length > 0) lines.push('', 'Left out on purpose:');
  // JSON-quoted: a name with control characters shows them instead of breaking the list.
  for (const s of skipped) lines.push(`  ${JSON.stringify(s.path)} — ${s.reason}, not archived`);
  lines.push('', 'Figures measured on an emulator or on the local machine are labelled "emulated" in the results and dashboards.');
  return `${lines.join('\n')}\n`;
}

/**
 * Zips the parts found under `root` into `out` (a `.zip` path), every entry under a top
 * folder named after the archive.
 */
export async function buildReleaseBundle(options: {
  root: string;
  out: string;
  parts?: readonly BundlePart[];
  now?: () => Date;
}): Promise<BundleInfo> {
  const out = path.resolve(options.out);
  const top = path.basename(out).replace(/\.zip$/i, '');
  const zip = new yazl.ZipFile();
  const included: { rel: string; bytes: number }[] = [];
  const missing: BundlePart[] = [];
  const skipped: SkippedPath[] = [];
  for (const part of options.parts ?? RELEASE_PARTS) {
    const files = await filesOf(options.root, part, out, skipped);
    // A part that is itself a link was found, not missing: MANIFEST.txt lists it as left out.
    if (files.length === 0 && !skipped.some((x) => x.path === part.path)) missing.push(part);
    for (const rel of files) {
      const full = path.join(options.root, rel);
      included.push({ rel, bytes: (await stat(full)).size });
      zip.addFile(full, `${top}/${rel}`);
    }
  }
  const createdAt = (options.now ?? (() => new Date()))().toISOString();
  zip.addBuffer(Buffer.from(manifest(path.basename(out), createdAt, included, missing, skipped)), `${top}/MANIFEST.txt`);
  zip.end();
  await mkdir(path.dirname(out), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(out));
  return { file: out, included: included.map((f) => f.rel), missing: missing.map((p) => p.label), skipped, bytes: (await stat(out)).size };
}
