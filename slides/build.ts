/**
 * Builds the slide deck from the latest run: reads the results, makes the run's analysis
 * when it is missing or stale (slides/market-inputs.ts), renders every chart from the
 * dashboards' figure definitions to PNG with Chromium and Plotly's own export, fills
 * slides/template.md into `slides/out/deck.md`, then renders HTML (and PDF) with Marp
 * CLI. Chromium is Debian's: CHROME_PATH, default /usr/bin/chromium; nothing is downloaded.
 *
 *   npm run slides                  # results/latest.json (+ its market snapshot and analysis)
 *   npm run slides -- --no-pdf      # HTML only
 *   npm run slides -- --results-dir DIR --out DIR
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadFranceMap } from '../dashboards/market/france-map.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { readResultsFile } from '../results/store.ts';
import { renderChartImages } from './chart-images.ts';
import { cloudCharts, noRankingReason } from './cloud-charts.ts';
import { fillTemplate } from './deck-content.ts';
import { deckSlides } from './deck-slides.ts';
import { marketCharts } from './market-charts.ts';
import { marketInputs } from './market-inputs.ts';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
// The root, not HERE/..: the compiled copy of this file sits one folder deeper, in dist/slides/.
const ROOT = PROJECT_ROOT;

export interface BuildSlidesOptions {
  /** Results directory: `latest.json`, `market/<runId>.json` or `market-latest.json`, `analysis/`. */
  resultsDir: string;
  /** Directory receiving deck.md, deck.html, deck.pdf and charts/. */
  outDir: string;
  /** Also render the PDF. */
  pdf: boolean;
  /** Chromium for the charts and the PDF; default CHROME_PATH, else /usr/bin/chromium. */
  chromePath?: string;
}

export interface BuiltSlides {
  markdown: string;
  html: string;
  pdf: string | null;
  charts: string[];
  /** The analysis file the market slides read; null when the run stored no market snapshot. */
  analysisFile: string | null;
  /** True when this build ran the analysis. */
  analyzed: boolean;
}

/** Marp CLI's entry script, run with this Node (no global install, no npx lookup). */
function marpScript(): string {
  const pkg = createRequire(import.meta.url).resolve('@marp-team/marp-cli/package.json');
  return path.join(path.dirname(pkg), 'marp-cli.js');
}

async function marp(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  // --html: the labels and readings are HTML paragraphs; every string from a file in them is escaped.
  await run(process.execPath, [marpScript(), '--html', '--no-stdin', ...args], {
    env,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 5 * 60_000,
  });
}

const relative = (file: string) => path.relative(process.cwd(), file) || file;

export async function buildSlides(options: BuildSlidesOptions): Promise<BuiltSlides> {
  const chrome = options.chromePath ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome))
    throw new Error(
      `no Chromium at ${chrome} for the charts: install it (apt-get install chromium) or set CHROME_PATH`,
    );
  const resultsFile = path.join(options.resultsDir, 'latest.json');
  if (!existsSync(resultsFile)) throw new Error(`no results at ${relative(resultsFile)}: run \`jobbench run\` first`);
  const results = await readResultsFile(resultsFile);
  const market = await marketInputs(options.resultsDir, results.runId);

  const cloud = cloudCharts(results, relative(resultsFile));
  const marketChartList = market
    ? marketCharts(market.snapshot, market.analysis, await loadFranceMap(), {
        snapshot: relative(market.snapshotFile),
        analysis: relative(market.analysisFile),
      })
    : [];
  const all = [...cloud.charts, ...(cloud.ranking ? [cloud.ranking] : []), ...marketChartList];
  await mkdir(options.outDir, { recursive: true });
  const images = await renderChartImages(all, options.outDir, chrome);
  const rendered = (id: string) => images.find((i) => i.chart.id === id)!;

  const template = await readFile(path.join(HERE, 'template.md'), 'utf8');
  const slides = deckSlides({
    results,
    resultsSource: relative(resultsFile),
    cloud: cloud.charts.map((c) => rendered(c.id)),
    ranking: cloud.ranking ? rendered(cloud.ranking.id) : null,
    noRanking: noRankingReason(results),
    market: market
      ? {
          analysis: market.analysis,
          analysisSource: relative(market.analysisFile),
          charts: marketChartList.map((c) => rendered(c.id)),
        }
      : null,
  });
  const markdown = path.join(options.outDir, 'deck.md');
  await writeFile(markdown, fillTemplate(template, { runId: results.runId.replace(/'/g, ''), slides }));

  const html = path.join(options.outDir, 'deck.html');
  await marp([markdown, '-o', html], process.env);
  let pdf: string | null = null;
  if (options.pdf) {
    pdf = path.join(options.outDir, 'deck.pdf');
    await marp([markdown, '--pdf', '-o', pdf], { ...process.env, CHROME_PATH: chrome });
  }
  return {
    markdown,
    html,
    pdf,
    charts: images.map((i) => i.file),
    analysisFile: market?.analysisFile ?? null,
    analyzed: market?.analyzed ?? false,
  };
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const resultsDir = path.resolve(argValue(argv, '--results-dir') ?? path.join(ROOT, 'results'));
  if (!existsSync(path.join(resultsDir, 'latest.json'))) {
    process.stderr.write(
      `slides: no results at ${relative(path.join(resultsDir, 'latest.json'))}: run \`jobbench run\` first.\n`,
    );
    return 2;
  }
  const built = await buildSlides({
    resultsDir,
    outDir: path.resolve(argValue(argv, '--out') ?? path.join(ROOT, 'slides', 'out')),
    pdf: !argv.includes('--no-pdf'),
  });
  if (built.analyzed && built.analysisFile)
    process.stdout.write(`analysis (made for this run): ${relative(built.analysisFile)}\n`);
  for (const file of [built.markdown, built.html, built.pdf]) if (file) process.stdout.write(`${relative(file)}\n`);
  process.stdout.write(
    `${built.charts.length} charts in ${relative(path.join(path.dirname(built.markdown), 'charts'))}\n`,
  );
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
