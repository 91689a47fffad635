/**
 * `npm run package:collector`: the AWS collector Lambda's artefact, built by the project
 * itself. esbuild bundles deploy/aws-collector.ts and everything it imports (SDKs included)
 * into one ESM file, `index.mjs` (the stack's handler is `index.handler`), zipped with a
 * fixed timestamp, mode and order, so the same sources and lockfile give the same bytes and
 * the stack's `source_code_hash` changes only when the code does. Prints the zip's path and
 * its base64 SHA-256 (what Terraform's filebase64sha256 computes).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import yazl from 'yazl';
import { PROJECT_ROOT } from '../lib/project-root.ts';

/** Where the stack (infra/aws/stack/collector.ts) expects the zip, from the project root. */
export const COLLECTOR_ZIP = 'dist/collector/aws-collector.zip';

/** Local fields, so the DOS date in the zip is the same in every time zone. */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/**
 * The bundle's preamble: CommonJS dependencies bundled into ESM still call `require` for
 * Node's built-in modules, which an ES module does not have.
 */
const REQUIRE_SHIM =
  "import { createRequire as __jobbenchRequire } from 'node:module';\n" +
  'const require = __jobbenchRequire(import.meta.url);';

/**
 * The User-Agent reads the version from package.json beside the sources at run time; the
 * bundle has no such file, so the version is written into the bundled module. The build
 * fails if that module no longer reads it this way, rather than shipping a broken zip.
 */
function versionInlined(version: string): Plugin {
  const read = "require('../../../package.json')";
  return {
    name: 'jobbench-version',
    setup(plugin) {
      plugin.onLoad({ filter: /pipeline[\\/]sources[\\/]http[\\/]user-agent\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes(read)) throw new Error(`${args.path} no longer has ${read}: update package-collector.ts`);
        return { contents: text.replace(read, JSON.stringify({ version })), loader: 'ts' };
      });
    },
  };
}

export interface CollectorPackage {
  zipPath: string;
  sha256Base64: string;
  bytes: number;
}

/** The handler as one ES module's text. */
async function bundleHandler(): Promise<Uint8Array> {
  const { version } = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ['deploy/aws-collector.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    outfile: 'index.mjs',
    banner: { js: REQUIRE_SHIM },
    // pg's optional native binding, never installed: the pure-JavaScript client is used.
    external: ['pg-native'],
    plugins: [versionInlined(version)],
    legalComments: 'eof',
    logLevel: 'error',
  });
  return result.outputFiles[0]!.contents;
}

function zipOf(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    zip.addBuffer(Buffer.from(file.bytes), file.name, { mtime: FIXED_MTIME, mode: 0o100644, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Builds the zip at `zipPath` (default: COLLECTOR_ZIP under the project root). */
export async function packageCollector(zipPath = path.join(PROJECT_ROOT, COLLECTOR_ZIP)): Promise<CollectorPackage> {
  const zip = await zipOf([{ name: 'index.mjs', bytes: await bundleHandler() }]);
  await mkdir(path.dirname(zipPath), { recursive: true });
  await writeFile(zipPath, zip);
  return { zipPath, sha256Base64: createHash('sha256').update(zip).digest('base64'), bytes: zip.byteLength };
}

/** Prints the built zip's path and hash (run as `npm run package:collector`). */
async function main(): Promise<void> {
  const built = await packageCollector();
  process.stdout.write(
    `${path.relative(process.cwd(), built.zipPath)} (${built.bytes} bytes) sha256 base64 ${built.sha256Base64}\n`,
  );
}

// No top-level await: tests import this module, and mocha loads a test whose imports wait at top level as a
// separate ES module graph, apart from the root hooks' emulator session.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
