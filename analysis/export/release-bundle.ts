/**
 * The release bundle: one zip with what a reader of the study needs — the code and docs
 * as committed (from git), both dashboards, the results, the market snapshot, the
 * analyses, the executed notebook and the deck (PDF and HTML). Parts that were never
 * built are not an error: MANIFEST.txt lists them with the command that builds them, and
 * lists every archived file with its sha256 (SHA256SUMS holds the same for `sha256sum -c`).
 */
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import {
  isMissing,
  manifestText,
  sha256,
  sha256Sums,
  type ManifestFile,
  type ManifestPart,
} from './bundle-manifest.ts';
import { readGitTree } from './git-tree.ts';

/**
 * One part of the bundle: the files of the last commit (`git`), one `file`, or the files
 * under a `dir` (recursively when `recursive`) matching `match`.
 */
export interface BundlePart {
  label: string;
  /** Project-relative file or directory (`.` for the git part). */
  path: string;
  kind: 'git' | 'file' | 'dir';
  recursive?: boolean;
  match?: RegExp;
  /** Not reported missing when empty (extra files beside a required one). */
  optional?: boolean;
  /** How to produce it when missing. */
  hint: string;
}

const SLIDES = 'npm run slides';

export const RELEASE_PARTS: readonly BundlePart[] = [
  {
    label: 'code and documentation',
    path: '.',
    kind: 'git',
    hint: 'make the bundle from the top of a git checkout with at least one commit',
  },
  {
    label: 'job-market dashboard',
    path: 'dashboards/out/job-market.html',
    kind: 'file',
    hint: 'jobbench run (or jobbench dashboards)',
  },
  {
    label: 'cloud-comparison dashboard',
    path: 'dashboards/out/cloud-comparison.html',
    kind: 'file',
    hint: 'jobbench run (or jobbench dashboards)',
  },
  { label: 'latest results', path: 'results/latest.json', kind: 'file', hint: 'jobbench run' },
  { label: 'results of every run', path: 'results/runs', kind: 'dir', match: /\.json$/, hint: 'jobbench run' },
  { label: 'market snapshot', path: 'results/market-latest.json', kind: 'file', hint: 'jobbench run' },
  { label: 'analyses', path: 'results/analysis', kind: 'dir', match: /\.(json|md)$/, hint: 'jobbench analyze' },
  {
    label: 'executed notebook',
    path: 'results/analysis/exploration.ipynb',
    kind: 'file',
    hint: 'jobbench export --format parquet, then .jobbench/venvs/notebook/bin/jupyter nbconvert --to notebook --execute docs/exploration.ipynb --output-dir results/analysis',
  },
  { label: 'deck (PDF)', path: 'slides/out/deck.pdf', kind: 'file', hint: SLIDES },
  { label: 'deck (HTML)', path: 'slides/out/deck.html', kind: 'file', hint: SLIDES },
  // The deck's Markdown and whatever images its HTML refers to.
  { label: 'deck sources and images', path: 'slides/out', kind: 'dir', recursive: true, optional: true, hint: SLIDES },
];

export interface BundleInfo {
  file: string;
  /** Commit the code was read from; null when `root` is not a git checkout. */
  commit: string | null;
  /** Paths of the files archived, relative to the bundle's top folder (MANIFEST.txt and SHA256SUMS aside). */
  included: string[];
  /** Labels of the parts that had no file. */
  missing: string[];
  /** Symbolic links and misleading names found in the parts, not archived. */
  skipped: SkippedPath[];
  bytes: number;
}

/** A file or folder left out of the archive on purpose, and why (listed in MANIFEST.txt). */
export interface SkippedPath {
  /** Project-relative path as found on disk or in git. */
  path: string;
  reason: 'a symbolic link' | 'a name an unzip could read as a path' | 'a git submodule';
}

/**
 * A backslash is a separator to Windows unzip tools (`x\..\..\evil` climbs out of the
 * folder there; yazl itself turns it into `/` and then refuses the `..`), and control
 * characters hide what a name is (and would break SHA256SUMS). Such names are left out
 * rather than renamed.
 */
const MISLEADING_NAME = /[\\\u0000-\u001f\u007f]/;

interface Found {
  rel: string;
  bytes: Buffer;
  mode: number;
}

/**
 * The files of one part on disk. Symbolic links are never followed: a link planted in
 * `results/` pointing at `~/.aws/credentials` must not put the secret in a zip that is
 * meant to be shared.
 */
async function filesOnDisk(root: string, part: BundlePart, exclude: string, skipped: SkippedPath[]): Promise<Found[]> {
  // Every folder on the way is checked too: lstat only refuses a link as the last name,
  // and `dashboards/out` linked elsewhere would otherwise serve `dashboards/out/job-market.html`.
  const names = part.path.split('/');
  let info = null;
  for (let i = 1; i <= names.length; i += 1) {
    const rel = names.slice(0, i).join('/');
    info = await lstat(path.join(root, rel)).catch(() => null);
    if (!info) return [];
    if (info.isSymbolicLink()) {
      if (!skipped.some((x) => x.path === rel)) skipped.push({ path: rel, reason: 'a symbolic link' });
      return [];
    }
  }
  if (!info) return [];
  const read = async (rel: string): Promise<Found> => ({
    rel,
    bytes: await readFile(path.join(root, rel)),
    mode: 0o100644,
  });
  if (part.kind === 'file') return info.isFile() ? [await read(part.path)] : [];
  if (!info.isDirectory()) return [];
  const out: Found[] = [];
  const walk = async (rel: string) => {
    for (const entry of (await readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const child = path.posix.join(rel, entry.name);
      if (entry.name.startsWith('.') || entry.name.endsWith('.tmp')) continue;
      if (entry.isSymbolicLink()) {
        skipped.push({ path: child, reason: 'a symbolic link' });
      } else if (MISLEADING_NAME.test(entry.name)) {
        skipped.push({ path: child, reason: 'a name an unzip could read as a path' });
      } else if (entry.isDirectory()) {
        if (part.recursive) await walk(child);
      } else if (
        entry.isFile() &&
        (!part.match || part.match.test(entry.name)) &&
        path.resolve(root, child) !== exclude
      ) {
        out.push(await read(child));
      }
    }
  };
  await walk(part.path);
  return out;
}

/** The committed files; links and submodules are listed as left out (a link's target is not the study's content). */
async function filesInGit(
  root: string,
  skipped: SkippedPath[],
): Promise<{ commit: string; uncommitted: number; files: Found[] } | null> {
  const tree = await readGitTree(root);
  if (!tree) return null;
  const files: Found[] = [];
  for (const f of tree.files) {
    if (f.mode === '120000') skipped.push({ path: f.path, reason: 'a symbolic link' });
    else if (f.mode === '160000') skipped.push({ path: f.path, reason: 'a git submodule' });
    else if (f.path.split('/').some((name) => MISLEADING_NAME.test(name)))
      skipped.push({ path: f.path, reason: 'a name an unzip could read as a path' });
    else files.push({ rel: f.path, bytes: f.bytes, mode: f.mode === '100755' ? 0o100755 : 0o100644 });
  }
  return { commit: tree.commit, uncommitted: tree.uncommitted, files };
}

/**
 * Zips the parts found under `root` into `out` (a `.zip` path), every entry under a top
 * folder named after the archive. A path archived by an earlier part (a built file that
 * is also tracked in git) is archived once, from the earlier part.
 */
export async function buildReleaseBundle(options: {
  root: string;
  out: string;
  parts?: readonly BundlePart[];
  now?: () => Date;
}): Promise<BundleInfo> {
  const out = path.resolve(options.out);
  const top = path.basename(out).replace(/\.zip$/i, '');
  const createdAt = (options.now ?? (() => new Date()))();
  const zip = new yazl.ZipFile();
  const files: ManifestFile[] = [];
  const archived = new Set<string>();
  const parts: ManifestPart[] = [];
  const skipped: SkippedPath[] = [];
  let code: { commit: string; uncommitted: number } | null = null;
  for (const part of options.parts ?? RELEASE_PARTS) {
    let found: Found[];
    if (part.kind === 'git') {
      const tree = await filesInGit(options.root, skipped);
      code = tree && { commit: tree.commit, uncommitted: tree.uncommitted };
      found = tree?.files ?? [];
    } else {
      found = await filesOnDisk(options.root, part, out, skipped);
    }
    // A part that is (or lies under) a link was found, not missing: MANIFEST.txt lists it as left out.
    const leftOut = skipped.some((x) => x.path === part.path || part.path.startsWith(`${x.path}/`));
    let added = 0;
    for (const f of found) {
      if (archived.has(f.rel)) continue;
      archived.add(f.rel);
      added += 1;
      files.push({ path: f.rel, bytes: f.bytes.length, sha256: sha256(f.bytes) });
      zip.addBuffer(f.bytes, `${top}/${f.rel}`, { mtime: createdAt, mode: f.mode });
    }
    parts.push({
      label: part.label,
      path: part.path,
      files: added,
      found: found.length > 0,
      hint: part.hint,
      optional: (part.optional ?? false) || leftOut,
    });
  }
  const manifest = manifestText({
    name: path.basename(out),
    createdAt: createdAt.toISOString(),
    code,
    parts,
    files,
    skipped,
  });
  zip.addBuffer(Buffer.from(manifest), `${top}/MANIFEST.txt`, { mtime: createdAt });
  zip.addBuffer(Buffer.from(sha256Sums(files)), `${top}/SHA256SUMS`, { mtime: createdAt });
  zip.end();
  await mkdir(path.dirname(out), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(out));
  return {
    file: out,
    commit: code?.commit ?? null,
    included: files.map((f) => f.path),
    missing: parts.filter(isMissing).map((p) => p.label),
    skipped,
    bytes: (await stat(out)).size,
  };
}
