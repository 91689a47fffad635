/**
 * `npm run package:collector`: the AWS Lambda artefacts, built by the project itself — the
 * collector (deploy/aws-collector.ts) and the in-region runner (deploy/aws-runner.ts). esbuild
 * bundles each handler and everything it imports (SDKs included) into one ESM file,
 * `index.mjs` (the stack's handler is `index.handler`), zipped with a fixed timestamp, mode and
 * order, so the same sources and lockfile give the same bytes and the stack's
 * `source_code_hash` changes only when the code does. Prints each zip's path and its base64
 * SHA-256 (what Terraform's filebase64sha256 computes).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import yazl from 'yazl';
import { PROJECT_ROOT } from '../lib/project-root.ts';

/** Where the stack (infra/aws/stack/collector.ts) expects the zip, from the project root. */
export const COLLECTOR_ZIP = 'dist/collector/aws-collector.zip';

/** Where the stack (infra/aws/stack/runner.ts) expects the runner's zip, from the project root. */
export const RUNNER_ZIP = 'dist/collector/aws-runner.zip';

/**
 * Data files of dependencies that code reads through Node's resolution at run time rather than
 * importing (pipeline/model/geography.ts resolves the INSEE files of
 * `@etalab/decoupage-administratif`): shipped under node_modules/ beside index.mjs, where that
 * resolution finds them.
 */
const GEOGRAPHY_DATA = ['package.json', 'data/regions.json', 'data/departements.json', 'data/communes.json'].map(
  (file) => `node_modules/@etalab/decoupage-administratif/${file}`,
);

/** The Lambda functions the project packages: the handler module of each, and the dependency files it reads. */
export const LAMBDA_HANDLERS = {
  collector: { entry: 'deploy/aws-collector.ts', zip: COLLECTOR_ZIP, packageFiles: [] as readonly string[] },
  // The runner transforms, so it places postings on the map.
  runner: { entry: 'deploy/aws-runner.ts', zip: RUNNER_ZIP, packageFiles: GEOGRAPHY_DATA },
} as const;
export type LambdaName = keyof typeof LAMBDA_HANDLERS;

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

/**
 * The AWS functions run the AWS provider only. The provider registry loads every provider
 * lazily; bundled, the other three would bring PGlite's WebAssembly and two cloud SDKs into
 * the zip. They are replaced by a module whose factory says it is not in this bundle.
 */
function awsProviderOnly(): Plugin {
  return {
    name: 'jobbench-aws-provider-only',
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\/(local|gcp|azure)\/index\.ts$/ }, (args) =>
        /providers[\\/]registry\.ts$/.test(args.importer)
          ? { path: args.path.split('/')[1]!, namespace: 'jobbench-absent-provider' }
          : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: 'jobbench-absent-provider' }, (args) => ({
        contents:
          `const absent = () => { throw new Error('the ${args.path} provider is not part of this AWS function'); };\n` +
          `export const ${args.path}Provider = { name: '${args.path}', checkConfig: absent, create: absent, priceTable: absent };\n`,
        loader: 'js',
      }));
    },
  };
}

/**
 * Files the code reads beside itself (`new URL('./prices.json', import.meta.url)`: price tables,
 * the results schema, package.json). Bundled, every module's `import.meta.url` is the zip's
 * index.mjs, so each such URL is rewritten to `./assets/<its path in the project>` and the file
 * is added to the zip there. The transform's worker script is left alone: the functions
 * transform on one thread.
 */
function assetsBeside(assets: Map<string, string>): Plugin {
  const pattern = /new URL\((['"])([^'"]+\.(?:json|txt|yaml|py|md))\1, import\.meta\.url\)/g;
  return {
    name: 'jobbench-assets-beside',
    setup(plugin) {
      plugin.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!pattern.test(text)) return undefined;
        const contents = text.replace(pattern, (match, _quote: string, relative: string) => {
          const absolute = path.resolve(path.dirname(args.path), relative);
          const inProject = path.relative(PROJECT_ROOT, absolute).split(path.sep).join('/');
          if (inProject.startsWith('..')) throw new Error(`${args.path} reads ${relative}, outside the project`);
          // A URL to no file is not a read (an example in a comment): left as written.
          if (!existsSync(absolute)) return match;
          assets.set(`assets/${inProject}`, absolute);
          return `new URL(${JSON.stringify(`./assets/${inProject}`)}, import.meta.url)`;
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

export interface CollectorPackage {
  zipPath: string;
  sha256Base64: string;
  bytes: number;
}

/** The handler as one ES module's text, and the files it reads beside itself (zip name → file). */
async function bundleHandler(entry: string): Promise<{ module: Uint8Array; assets: Map<string, string> }> {
  const assets = new Map<string, string>();
  const { version } = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    outfile: 'index.mjs',
    banner: { js: REQUIRE_SHIM },
    // pg's optional native binding, never installed: the pure-JavaScript client is used.
    external: ['pg-native'],
    plugins: [versionInlined(version), awsProviderOnly(), assetsBeside(assets)],
    legalComments: 'eof',
    logLevel: 'error',
  });
  return { module: result.outputFiles[0]!.contents, assets };
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

/** Builds the zip of function `name` at `zipPath` (default: its place under the project root). */
export async function packageLambda(
  name: LambdaName,
  zipPath = path.join(PROJECT_ROOT, LAMBDA_HANDLERS[name].zip),
): Promise<CollectorPackage> {
  const { module, assets } = await bundleHandler(LAMBDA_HANDLERS[name].entry);
  const files = [{ name: 'index.mjs', bytes: module }];
  for (const [zipName, file] of assets) files.push({ name: zipName, bytes: await readFile(file) });
  for (const file of LAMBDA_HANDLERS[name].packageFiles)
    files.push({ name: file, bytes: await readFile(path.join(PROJECT_ROOT, file)) });
  const zip = await zipOf(files);
  await mkdir(path.dirname(zipPath), { recursive: true });
  await writeFile(zipPath, zip);
  return { zipPath, sha256Base64: createHash('sha256').update(zip).digest('base64'), bytes: zip.byteLength };
}

/** The collector's zip at `zipPath` (default: COLLECTOR_ZIP under the project root). */
export function packageCollector(zipPath?: string): Promise<CollectorPackage> {
  return packageLambda('collector', zipPath);
}

/** Prints each built zip's path and hash (run as `npm run package:collector`). */
async function main(): Promise<void> {
  for (const name of Object.keys(LAMBDA_HANDLERS) as LambdaName[]) {
    const built = await packageLambda(name);
    process.stdout.write(
      `${path.relative(process.cwd(), built.zipPath)} (${built.bytes} bytes) sha256 base64 ${built.sha256Base64}\n`,
    );
  }
}

// No top-level await: tests import this module, and mocha loads a test whose imports wait at top level as a
// separate ES module graph, apart from the root hooks' emulator session.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
