/**
 * Builds the slide deck from the latest results and analysis: fills slides/template.md
 * into `slides/out/deck.md`, then renders HTML (and PDF) with Marp CLI. The PDF needs a
 * Chromium: Marp finds it through CHROME_PATH (default here: Debian's /usr/bin/chromium);
 * nothing is ever downloaded.
 *
 *   npm run slides                  # results/latest.json + newest results/analysis/*.json
 *   npm run slides -- --no-pdf      # HTML only
 *   npm run slides -- --results R.json --analysis A.json --out DIR
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { latestAnalysisFile, readAnalysis } from '../analysis/analysis-store.ts';
import { readResultsFile } from '../results/store.ts';
import { deckValues, fillTemplate } from './deck-content.ts';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

export interface BuildSlidesOptions {
  /** Results file (default `results/latest.json`). */
  resultsFile: string;
  /** Analysis report, or null to build without the market slides. */
  analysisFile: string | null;
  /** Directory receiving deck.md, deck.html and deck.pdf. */
  outDir: string;
  /** Also render the PDF (needs Chromium). */
  pdf: boolean;
  /** Chromium for the PDF; default CHROME_PATH, else /usr/bin/chromium. */
  chromePath?: string;
}

export interface BuiltSlides {
  markdown: string;
  html: string;
  pdf: string | null;
}

/** Marp CLI's entry script, run with this Node (no global install, no npx lookup). */
function marpScript(): string {
  const pkg = createRequire(import.meta.url).resolve('@marp-team/marp-cli/package.json');
  return path.join(path.dirname(pkg), 'marp-cli.js');
}

async function marp(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  // --html: the deck's caveat spans are HTML; every figure in it is escaped by deck-content.ts.
  await run(process.execPath, [marpScript(), '--html', '--no-stdin', ...args], { env, maxBuffer: 16 * 1024 * 1024, timeout: 5 * 60_000 });
}

export async function buildSlides(options: BuildSlidesOptions): Promise<BuiltSlides> {
  const results = await readResultsFile(options.resultsFile);
  const analysis = options.analysisFile ? await readAnalysis(options.analysisFile) : null;
  const template = await readFile(path.join(HERE, 'template.md'), 'utf8');
  await mkdir(options.outDir, { recursive: true });
  const markdown = path.join(options.outDir, 'deck.md');
  await writeFile(markdown, fillTemplate(template, deckValues(results, analysis)));

  const html = path.join(options.outDir, 'deck.html');
  await marp([markdown, '-o', html], process.env);
  let pdf: string | null = null;
  if (options.pdf) {
    const chrome = options.chromePath ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
    if (!existsSync(chrome)) throw new Error(`no Chromium at ${chrome} for the PDF: install it (apt-get install chromium), set CHROME_PATH, or pass --no-pdf`);
    pdf = path.join(options.outDir, 'deck.pdf');
    await marp([markdown, '--pdf', '-o', pdf], { ...process.env, CHROME_PATH: chrome });
  }
  return { markdown, html, pdf };
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const resultsFile = path.resolve(argValue(argv, '--results') ?? path.join(ROOT, 'results', 'latest.json'));
  if (!existsSync(resultsFile)) {
    process.stderr.write(`slides: no results at ${path.relative(process.cwd(), resultsFile)}: run \`jobbench run\` first.\n`);
    return 2;
  }
  const analysisArg = argValue(argv, '--analysis');
  const analysisFile = analysisArg ? path.resolve(analysisArg) : await latestAnalysisFile(path.join(ROOT, 'results', 'analysis'));
  if (!analysisFile) process.stderr.write('slides: no analysis found (run `jobbench analyze`): the market slides say so.\n');
  const built = await buildSlides({
    resultsFile,
    analysisFile,
    outDir: path.resolve(argValue(argv, '--out') ?? path.join(HERE, 'out')),
    pdf: !argv.includes('--no-pdf'),
  });
  for (const file of [built.markdown, built.html, built.pdf]) if (file) process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`slides: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
