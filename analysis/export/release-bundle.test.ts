/**
 * The release bundle from a real git checkout made in a temporary folder: code as
 * committed (not the working tree), built parts from disk, missing parts listed with
 * their command, and a manifest whose checksums are checked against the archived bytes
 * by Python's zipfile + hashlib and by `sha256sum -c` on the unzipped folder.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildReleaseBundle } from './release-bundle.ts';

const run = promisify(execFile);

interface ZipEntry {
  sha256: string;
  text: string;
  mode: number;
}

/** Every entry of a zip read by Python's zipfile (CRCs checked), with its sha256 and Unix mode. */
async function readZip(file: string): Promise<Record<string, ZipEntry>> {
  const script = [
    'import hashlib,json,sys,zipfile',
    'z=zipfile.ZipFile(sys.argv[1])',
    'assert z.testzip() is None',
    'print(json.dumps({i.filename: {"sha256": hashlib.sha256(z.read(i)).hexdigest(), "text": z.read(i).decode("utf8","replace"), "mode": i.external_attr >> 16} for i in z.infolist()}))',
  ].join('\n');
  const { stdout } = await run(process.env.JOBBENCH_PYTHON ?? 'python3', ['-c', script, file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, ZipEntry>;
}

async function write(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
}

/** A git checkout of `files`, committed once (this temporary repository only). */
async function gitProject(
  root: string,
  files: Record<string, string | Buffer>,
  links: Record<string, string> = {},
  executables: string[] = [],
): Promise<string> {
  await write(root, files);
  for (const rel of executables) await chmod(path.join(root, rel), 0o755);
  for (const [rel, target] of Object.entries(links)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await symlink(target, path.join(root, rel));
  }
  const git = (...args: string[]) =>
    run('git', [
      '-C',
      root,
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.test',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ]);
  await git('init', '-q');
  await git('add', '--', ...Object.keys(files), ...Object.keys(links));
  await git('commit', '-q', '-m', 'fixture');
  return (await git('rev-parse', 'HEAD')).stdout.trim();
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x0a]);

describe('analysis: release bundle', function () {
  this.timeout(120_000);
  let dir: string;
  before(async function () {
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-bundle-'));
  });
  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the committed code, the built parts and a manifest whose checksums match the archived bytes', async function () {
    const root = path.join(dir, 'project');
    const commit = await gitProject(
      root,
      {
        'package.json': '{"name":"jobbench"}\n',
        'cli/main.ts': 'export {};\n',
        'docs/runbook.md': '# Runbook\n',
        'docs/images/job-market.png': PNG,
        'bin/jobbench.sh': '#!/bin/sh\necho jobbench\n',
      },
      {},
      ['bin/jobbench.sh'],
    );
    // The working tree differs from the commit: an edit, an untracked secret and scratch file.
    await write(root, {
      'docs/runbook.md': '# Runbook, edited and not committed\n',
      '.env': 'ADZUNA_APP_KEY=SECRET-do-not-ship\n',
      'notes/scratch.ts': 'console.log(1);\n',
      // Built outputs (ignored by git in the real project).
      'dashboards/out/job-market.html': '<html>market</html>',
      'dashboards/out/cloud-comparison.html': '<html>clouds</html>',
      'results/latest.json': '{"runId":"r2"}\n',
      'results/runs/r1.json': '{"runId":"r1"}\n',
      'results/runs/r2.json': '{"runId":"r2"}\n',
      'results/market-latest.json': '{"runId":"r2"}\n',
      'results/analysis/r2.json': '{"reportVersion":1}\n',
      'results/analysis/r2.md': '# analysis\n',
      'slides/out/deck.html': '<html>deck</html>',
      'slides/out/deck.md': '# deck\n',
      'slides/out/images/latency.png': PNG,
    });

    const info = await buildReleaseBundle({
      root,
      out: path.join(root, 'dist', 'jobbench-study.zip'),
      now: () => new Date('2026-11-28T12:00:00Z'),
    });
    assert.deepEqual(info.missing, ['executed notebook', 'deck (PDF)']);
    const entries = await readZip(info.file);
    const names = Object.keys(entries)
      .map((n) => n.replace(/^jobbench-study\//, ''))
      .sort();
    assert.deepEqual(names, [
      'MANIFEST.txt',
      'SHA256SUMS',
      'bin/jobbench.sh',
      'cli/main.ts',
      'dashboards/out/cloud-comparison.html',
      'dashboards/out/job-market.html',
      'docs/images/job-market.png',
      'docs/runbook.md',
      'package.json',
      'results/analysis/r2.json',
      'results/analysis/r2.md',
      'results/latest.json',
      'results/market-latest.json',
      'results/runs/r1.json',
      'results/runs/r2.json',
      'slides/out/deck.html',
      'slides/out/deck.md',
      'slides/out/images/latency.png',
    ]);
    assert.equal(entries['jobbench-study/docs/runbook.md']!.text, '# Runbook\n', 'the committed version, not the edit');
    assert.equal(entries['jobbench-study/bin/jobbench.sh']!.mode & 0o777, 0o755, 'executables stay executable');

    // Every archived file is listed once, with the sha256 of the bytes in the archive.
    const manifest = entries['jobbench-study/MANIFEST.txt']!.text;
    const listed = new Map(
      [...manifest.matchAll(/^ {2}([0-9a-f]{64}) {2}(\d+) {2}(.+)$/gm)].map((m) => [m[3]!, m[1]!]),
    );
    const sums = new Map(
      entries['jobbench-study/SHA256SUMS']!.text.trimEnd()
        .split('\n')
        .map((l) => [l.slice(66), l.slice(0, 64)] as const),
    );
    const archived = names.filter((n) => n !== 'MANIFEST.txt' && n !== 'SHA256SUMS');
    assert.deepEqual([...listed.keys()].sort(), archived);
    assert.deepEqual([...sums.keys()].sort(), archived);
    for (const name of archived) {
      assert.equal(listed.get(name), entries[`jobbench-study/${name}`]!.sha256, `MANIFEST.txt checksum of ${name}`);
      assert.equal(sums.get(name), entries[`jobbench-study/${name}`]!.sha256, `SHA256SUMS checksum of ${name}`);
    }
    assert.deepEqual(info.included.sort(), archived);

    assert.match(
      manifest,
      new RegExp(
        `git commit ${commit}, as committed \\(1 tracked file\\(s\\) had uncommitted changes, not in this bundle\\)`,
      ),
    );
    assert.match(manifest, /code and documentation \(\.\): 5 file\(s\)/);
    assert.match(manifest, /deck \(PDF\) \(slides\/out\/deck.pdf\) — build it with: npm run slides/);
    assert.match(
      manifest,
      /executed notebook \(results\/analysis\/exploration.ipynb\) — build it with: jobbench export --format parquet, then .*nbconvert --to notebook --execute docs\/exploration.ipynb --output-dir results\/analysis/,
    );
    assert.match(manifest, /created 2026-11-28T12:00:00.000Z/);
    assert.equal(info.commit, commit);

    // The same check with the standard tool a reader would use on the unzipped folder.
    const unzipped = path.join(dir, 'unzipped');
    await run('unzip', ['-q', info.file, '-d', unzipped]);
    const { stdout } = await run('sha256sum', ['--check', '--strict', 'SHA256SUMS'], {
      cwd: path.join(unzipped, 'jobbench-study'),
    });
    assert.equal(
      stdout
        .trimEnd()
        .split('\n')
        .filter((l) => l.endsWith(': OK')).length,
      archived.length,
    );
  });

  it('lists every part as missing, with its command, outside a git checkout', async function () {
    const root = path.join(dir, 'not-a-checkout');
    await write(root, { 'docs/runbook.md': '# Runbook\n' });
    const info = await buildReleaseBundle({ root, out: path.join(dir, 'empty.zip') });
    assert.deepEqual(info.missing, [
      'code and documentation',
      'job-market dashboard',
      'cloud-comparison dashboard',
      'latest results',
      'results of every run',
      'market snapshot',
      'analyses',
      'executed notebook',
      'deck (PDF)',
      'deck (HTML)',
    ]);
    assert.equal(info.commit, null);
    assert.deepEqual(info.included, []);
    const manifest = (await readZip(info.file))['empty/MANIFEST.txt']!.text;
    assert.match(manifest, /Code and documentation: not included/);
    assert.match(
      manifest,
      /code and documentation \(\.\) — build it with: make the bundle from the top of a git checkout/,
    );
  });
});

describe('analysis: release bundle against planted links and names', function () {
  this.timeout(120_000);
  let dir: string;
  before(async function () {
    dir = await mkdtemp(path.join(tmpdir(), 'jobbench-bundle-hostile-'));
  });
  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('never follows a symbolic link out of the project and skips names an unzip would misread, listing both', async function () {
    const root = path.join(dir, 'project');
    const outside = path.join(dir, 'outside');
    await write(outside, {
      credentials: 'SECRET-ACCESS-KEY-do-not-ship\n',
      'job-market.html': 'SECRET-ACCESS-KEY in a page',
    });
    // A link committed to git, and links planted among the built outputs.
    await gitProject(root, { 'docs/runbook.md': '# Runbook\n' }, { 'docs/aws.md': path.join(outside, 'credentials') });
    await symlink(outside, path.join(root, 'docs', 'linked-dir'));
    await mkdir(path.join(root, 'results', 'analysis'), { recursive: true });
    await symlink(path.join(outside, 'credentials'), path.join(root, 'results', 'latest.json'));
    await symlink(outside, path.join(root, 'results', 'analysis', 'sub'));
    await write(root, {
      'results/analysis/ok.md': '# analysis\n',
      'results/analysis/x\\..\\..\\evil.md': 'zip slip on Windows\n',
    });
    await mkdir(path.join(root, 'dashboards'), { recursive: true });
    // A linked folder: lstat of dashboards/out/job-market.html alone would follow it.
    await symlink(outside, path.join(root, 'dashboards', 'out'));

    const info = await buildReleaseBundle({ root, out: path.join(root, 'dist', 'bundle.zip') });
    const entries = await readZip(info.file);
    assert.deepEqual(Object.keys(entries).sort(), [
      'bundle/MANIFEST.txt',
      'bundle/SHA256SUMS',
      'bundle/docs/runbook.md',
      'bundle/results/analysis/ok.md',
    ]);
    assert.ok(
      !Object.values(entries).some((e) => e.text.includes('SECRET-ACCESS-KEY')),
      'a linked secret was archived',
    );
    assert.deepEqual(info.skipped.map((s) => s.path).sort(), [
      'dashboards/out',
      'docs/aws.md',
      'results/analysis/sub',
      'results/analysis/x\\..\\..\\evil.md',
      'results/latest.json',
    ]);
    const manifest = entries['bundle/MANIFEST.txt']!.text;
    assert.match(manifest, /"results\/latest.json" — a symbolic link, not archived/);
    assert.match(manifest, /"docs\/aws.md" — a symbolic link, not archived/);
    assert.match(manifest, /evil.md" — a name an unzip could read as a path, not archived/);
    assert.ok(
      !info.missing.includes('job-market dashboard') && !info.missing.includes('latest results'),
      'a linked part is left out, not missing',
    );
  });
});
