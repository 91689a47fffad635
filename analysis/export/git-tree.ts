/**
 * The files of a git checkout's last commit, read from git itself (`ls-tree` + one
 * `cat-file --batch`): the bundle ships the code as committed, never the working tree's
 * untracked files (a stray `.env`, a scratch script) or uncommitted edits.
 */
import { execFile, spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitFile {
  /** Path inside the repository, `/`-separated, as git stores it. */
  path: string;
  /** `100644` or `100755` for files; `120000` symbolic link; `160000` submodule. */
  mode: string;
  /** The committed bytes (empty for links and submodules, which are not read). */
  bytes: Buffer;
}

export interface GitTree {
  commit: string;
  files: GitFile[];
  /** Tracked files whose working-tree or staged state differs from the commit (not in the tree read). */
  uncommitted: number;
}

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', root, ...args], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** `git cat-file --batch` for these object ids: each answer is `<id> <type> <size>\n<bytes>\n`. */
function readBlobs(root: string, ids: readonly string[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed (${code}): ${stderr.trim()}`));
      const out = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let at = 0;
      for (const id of ids) {
        const eol = out.indexOf(0x0a, at);
        const header = out.subarray(at, eol).toString('utf8').split(' ');
        if (header[0] !== id || header[1] !== 'blob')
          return reject(new Error(`git cat-file answered "${header.join(' ')}" for ${id}`));
        const size = Number(header[2]);
        blobs.push(out.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(ids.map((id) => `${id}\n`).join(''));
  });
}

/**
 * HEAD's files when `root` is the top of a git checkout with at least one commit, else
 * null (a folder inside another repository is not its own checkout: its HEAD would be
 * someone else's code).
 */
export async function readGitTree(root: string): Promise<GitTree | null> {
  let commit: string;
  try {
    const top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
    if ((await realpath(top)) !== (await realpath(root))) return null;
    commit = (await git(root, ['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  } catch {
    return null;
  }
  // -z: paths with any byte come back verbatim (no quoting), NUL-separated.
  const entries = (await git(root, ['ls-tree', '-r', '-z', '--full-tree', commit]))
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, id] = line.slice(0, tab).split(' ') as [string, string, string];
      return { mode, type, id, path: line.slice(tab + 1) };
    });
  const blobs = entries.filter((e) => e.type === 'blob' && e.mode !== '120000');
  const bytes = await readBlobs(
    root,
    blobs.map((e) => e.id),
  );
  const byPath = new Map(blobs.map((e, i) => [e.path, bytes[i]!]));
  const files = entries.map((e) => ({ path: e.path, mode: e.mode, bytes: byPath.get(e.path) ?? Buffer.alloc(0) }));
  const uncommitted = (await git(root, ['status', '--porcelain', '-z', '--untracked-files=no']))
    .split('\0')
    .filter((s) => /^[ MADRCUT?!]{2} /.test(s)).length;
  return { commit, files, uncommitted };
}
