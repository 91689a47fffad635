/**
 * `npm run bench:perf`: the pipeline against its physical floor and real peers. Prints a
 * table and writes results/perf-latest.json. Repetitions are interleaved (every
 * measurement once per round, round after round) so drift hits each side alike; each
 * figure is the median over rounds with a bootstrap 95 % CI (docs/performance.md).
 *
 *   tsx perf/run.ts [--reps 5] [--scale 20000] [--rss-small 20000]
 *     [--rss-large 100000] [--rss-heap-mb 160] [--rss-transform-workers 0] [--lake-files 1200] [--concurrency 4]
 *     [--cli-runs 5] [--only e2e,load,lake,rss,overhead,transform,cli,npmstart] [--out results/perf-latest.json]
 *     [--no-build]
 *
 * The defaults are sized for a 2-core machine; `--rss-small 100000 --rss-large 1000000`
 * measures the 100k → 1M scaling itself, which takes hours at 5 repetitions
 * (docs/performance.md says how long each took).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { machineStamp, toolStamp } from '../benchmarks/environment-stamp.ts';
import { summarize, missing, pairedRatios, type Reported } from './figures.ts';
import type { PipelineChildResult } from './pipeline-child.ts';
import { DEFAULT_DSN } from './load-peers.ts';
import { prepareRun, type PreparedRun } from './prepare-run.ts';
import { printReport } from './report.ts';
import { argValue, numberArg } from './argv.ts';
import { lakeRound, openLakeBench, type LakeBench } from './lake-round.ts';
import { loadRound, openLoadBench, type LoadBench } from './load-round.ts';
import { timeCli, type CliTiming } from './cli-latency.ts';
import { npmStartPeakRss } from './npm-start-rss.ts';
import type { TransformChildResult } from './transform-child.ts';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

const flag = (name: string, fallback: number): number => numberArg(name) ?? fallback;
const onlyArg = argValue('only');
const only = onlyArg === undefined ? null : new Set(onlyArg.split(','));
const wants = (part: string) => only === null || only.has(part);

export const options = {
  reps: flag('reps', 5),
  scale: flag('scale', 20_000),
  rssSmall: flag('rss-small', 20_000),
  rssLarge: flag('rss-large', 100_000),
  /**
   * V8 heap budget of the RSS children, MiB (`--max-old-space-size`); 0 leaves V8's own
   * limit (a quarter of the machine's memory), under which V8 lets garbage pile up long
   * before collecting it, so the peak measures V8's laziness more than the pipeline.
   */
  rssHeapMb: flag('rss-heap-mb', 160),
  /**
   * Transform worker threads of the RSS children (default 0: the memory-bounded mode,
   * parsing on the main thread). Each worker is a V8 isolate of its own with the whole
   * transform loaded (docs/transform.md), so with workers the peak measures them;
   * one RSS child per round also runs at `--rss-large` with the default workers, reported
   * apart (`peakRssMbWithWorkers`).
   */
  rssTransformWorkers: flag('rss-transform-workers', 0),
  lakeFiles: flag('lake-files', 1200),
  concurrency: flag('concurrency', 4),
  /** Timed starts of each CLI command per round (`transformOnePageMs`, `cliHelpMs`). */
  cliRuns: flag('cli-runs', 5),
  dsn: process.env.JOBBENCH_PERF_DATABASE_URL ?? DEFAULT_DSN,
};

interface ChildOptions {
  warehouse: 'local' | 'postgres';
  scale: number;
  /** Run the same workload a second time and time it. */
  rerun?: boolean;
  /** The bench's own file store instead of the local provider's (no PGlite in the process). */
  harnessStore?: boolean;
  /** V8 heap budget, MiB; omitted: V8's own limit. */
  heapMb?: number;
  /** Transform worker threads; omitted: the pipeline's default (one per core). */
  transformWorkers?: number;
}

/**
 * Which code the pipeline and transform children run: `dist` (compiled, what
 * bin/jobbench.js runs for a user) or `sources` (through tsx, whose loader and compiled
 * copies add ~40 MiB to a process: 283 vs 245 MiB peak for one 20k child, 2026-12-06).
 * Set once in main() after the build.
 */
let childCode: 'dist' | 'sources' = 'sources';

/** node arguments that run perf/<name>.ts as `childCode` says. */
const childEntry = (name: string): string[] =>
  childCode === 'dist'
    ? [path.join(ROOT, 'dist', 'perf', `${name}.js`)]
    : ['--import', 'tsx', path.join(HERE, `${name}.ts`)];

/**
 * Builds dist/ first (`npm run build`'s script), so every child runs the compiled code
 * users run and none runs a stale copy; `--no-build` keeps dist/ as it is. A failed build
 * leaves no dist/ (scripts/build.ts), and the children then run the sources.
 */
async function buildChildCode(log: (line: string) => void): Promise<'dist' | 'sources'> {
  if (!process.argv.includes('--no-build')) {
    log('building dist/ (npm run build) so the children run the compiled code…');
    await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'build.ts')], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 10 * 60_000,
    }).catch((error: unknown) =>
      log(
        `the build failed, the children run the sources: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
      ),
    );
  }
  return existsSync(path.join(ROOT, 'dist', 'perf', 'pipeline-child.js')) ? 'dist' : 'sources';
}

async function pipelineChild(child: ChildOptions): Promise<PipelineChildResult> {
  const args = [
    ...(child.heapMb ? [`--max-old-space-size=${child.heapMb}`] : []),
    ...childEntry('pipeline-child'),
    '--warehouse',
    child.warehouse,
    '--scale',
    String(child.scale),
    ...(child.rerun ? ['--rerun'] : []),
    ...(child.harnessStore ? ['--store', 'harness-fs'] : []),
    ...(child.transformWorkers !== undefined ? ['--transform-workers', String(child.transformWorkers)] : []),
  ];
  const { stdout } = await run(process.execPath, args, {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60 * 60_000,
    env: { ...process.env, JOBBENCH_PERF_DATABASE_URL: options.dsn },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as PipelineChildResult;
}

/**
 * The transform alone on one thread (`--transform-workers 0`), in a fresh process over a
 * freshly extracted sample run (perf/transform-child.ts): clean postings ÷ the stage's
 * wall time, first and only pass, as a run pays it (code not yet optimised by the JIT).
 */
async function transformChild(scale: number): Promise<TransformChildResult> {
  const { stdout } = await run(process.execPath, [...childEntry('transform-child'), '--scale', String(scale)], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 30 * 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as TransformChildResult;
}

/** One small page: the Adzuna fixture of the parser tests (5 postings). */
const ONE_PAGE = ['transform', '--source', 'adzuna', 'pipeline/stages/transform/parsers/fixtures/adzuna-search.json'];

async function harnessOverheadNs(): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'perf/harness/bench-harness.ts'), '--json'],
    {
      cwd: ROOT,
      maxBuffer: 4 * 1024 * 1024,
      env: { ...process.env, HARNESS_OPS: '50000' },
    },
  );
  return (JSON.parse(stdout) as { harnessOverheadUsPerOp: number }).harnessOverheadUsPerOp * 1000;
}

type Series = Record<string, number[]>;
const push = (series: Series, key: string, value: number) => {
  series[key] ??= [];
  series[key].push(value);
};

async function main(): Promise<void> {
  const startedAt = new Date();
  const work = await mkdtemp(path.join(os.tmpdir(), 'jobbench-perf-bench-'));
  const s: Series = {};
  const notes: string[] = [];
  const reasons: Record<string, string> = {};
  let prepared: PreparedRun | null = null;
  let loadBench: LoadBench | null = null;
  let lakeBench: LakeBench | null = null;
  const cliEntries = new Set<CliTiming['entry']>();
  const transformDigests = new Set<string>();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    childCode = await buildChildCode(log);
    if (wants('load') || wants('lake')) {
      log(`preparing a ${options.scale}-posting run in the file lake (extract + transform)…`);
      prepared = await prepareRun(path.join(work, 'lake'), options.scale);
    }
    if (prepared && wants('load')) {
      loadBench = await openLoadBench(prepared, options.dsn, work, log);
      if (loadBench.dltSkipped) reasons.vsDlt = loadBench.dltSkipped;
    }
    if (prepared && wants('lake')) {
      lakeBench = await openLakeBench(prepared, options.lakeFiles, work, log);
      if (lakeBench.skipped) reasons.vsRclone = lakeBench.skipped;
    }
    for (let rep = 0; rep < options.reps; rep++) {
      log(`round ${rep + 1}/${options.reps}`);
      if (wants('e2e')) {
        for (const kind of ['local', 'postgres'] as const) {
          const r = await pipelineChild({ warehouse: kind, scale: options.scale, rerun: kind === 'postgres' });
          push(s, `e2e.${kind}`, r.postings / (r.totalMs / 1000));
          for (const [stage, ms] of Object.entries(r.stagesMs))
            push(s, `stage.${kind}.${stage}`, r.postings / (ms / 1000));
          push(s, `rssProcess.${kind}.${options.scale}`, r.peakRssMb);
          if (r.rerun) {
            push(s, 'rerun.ratio', r.rerun.totalMs / r.totalMs);
            push(s, 'rerun.rowsAdded', r.rerun.inserted + r.rerun.updated);
          }
          log(
            `  e2e ${kind}: ${Math.round(r.postings / (r.totalMs / 1000))} postings/s, process peak ${r.peakRssMb.toFixed(0)} MiB`,
          );
        }
      }
      if (loadBench) await loadRound(loadBench, rep, s, log);
      if (lakeBench && !lakeBench.skipped) await lakeRound(lakeBench, rep, options.concurrency, options.dsn, s, log);
      if (wants('rss')) {
        for (const scale of [options.rssSmall, options.rssLarge]) {
          const started = performance.now();
          const r = await pipelineChild({
            warehouse: 'postgres',
            scale,
            harnessStore: true,
            heapMb: options.rssHeapMb,
            transformWorkers: options.rssTransformWorkers,
          });
          push(s, `rss.postgres.${scale}`, r.peakRssMb);
          push(s, `rssTimeS.${scale}`, (performance.now() - started) / 1000);
          log(
            `  rss ${scale}: ${r.peakRssMb.toFixed(0)} MiB in ${((performance.now() - started) / 1000).toFixed(0)} s (transform workers: ${options.rssTransformWorkers})`,
          );
        }
        push(
          s,
          'rss.ratio',
          s[`rss.postgres.${options.rssLarge}`]!.at(-1)! / s[`rss.postgres.${options.rssSmall}`]!.at(-1)!,
        );
        const withWorkers = await pipelineChild({
          warehouse: 'postgres',
          scale: options.rssLarge,
          harnessStore: true,
          heapMb: options.rssHeapMb,
        });
        push(s, 'rss.withWorkers', withWorkers.peakRssMb);
        log(`  rss ${options.rssLarge} with the default transform workers: ${withWorkers.peakRssMb.toFixed(0)} MiB`);
      }
      if (wants('overhead')) push(s, 'overheadNs', await harnessOverheadNs());
      if (wants('transform')) {
        const t = await transformChild(options.scale);
        push(s, 'transform.oneThread', t.postingsPerSec[0]!);
        transformDigests.add(t.outputSha256);
        log(`  transform, one thread: ${Math.round(t.postingsPerSec[0]!)} postings/s (${t.postings} postings)`);
      }
      if (wants('npmstart')) {
        const started = await npmStartPeakRss(ROOT);
        cliEntries.add(started.entry);
        push(s, 'npmStart.peakRss', started.peakRssMb);
        log(`  npm start: peak RSS ${started.peakRssMb.toFixed(0)} MiB (${started.entry})`);
      }
      if (wants('cli')) {
        for (let i = 0; i < options.cliRuns; i++) {
          for (const [key, args] of [
            ['cli.transformOnePage', ONE_PAGE],
            ['cli.help', ['--help']],
          ] as const) {
            const timing = timeCli(ROOT, args);
            cliEntries.add(timing.entry);
            push(s, key, timing.ms);
          }
        }
        log(
          `  cli: transform one page ${Math.round(s['cli.transformOnePage']!.at(-1)!)} ms, --help ${Math.round(s['cli.help']!.at(-1)!)} ms (${[...cliEntries].join(', ')})`,
        );
      }
    }
  } finally {
    await prepared?.provider.close();
    await rm(work, { recursive: true, force: true });
  }

  if (wants('rss') && (options.rssSmall !== 100_000 || options.rssLarge !== 1_000_000)) {
    notes.push(
      `peakRssMb100k, peakRssMb1M and rssRatio1Mto100k were measured at ${options.rssSmall} and ${options.rssLarge} postings (rssScales), not 100k and 1M (a 1M run takes many minutes); pass --rss-small 100000 --rss-large 1000000 for those scales`,
    );
  }
  notes.push(
    childCode === 'dist'
      ? `the pipeline and transform children ran the compiled code (dist/${process.argv.includes('--no-build') ? ', as it was: --no-build' : ', built at the start of this bench'})`
      : 'the pipeline and transform children ran the sources through tsx (no dist/: the build failed or was skipped)',
  );
  if (cliEntries.size > 0)
    notes.push(
      `transformOnePageMs and cliHelpMs: wall time of node bin/jobbench.js from spawn to exit, ${options.cliRuns} starts per round, running ${[...cliEntries].join(' and ')}${cliEntries.has('sources') ? ' (no dist/: npm run build)' : ''}`,
    );
  if (transformDigests.size > 1)
    notes.push(
      `the one-thread transform wrote different clean bytes in different rounds: ${[...transformDigests].join(', ')}`,
    );
  if (lakeBench?.files)
    notes.push(
      `lake upload: the first ${lakeBench.files} raw files (bodies and metas) of the prepared run, ${lakeBench.bytes} bytes`,
    );
  const fig = (key: string, unit: string, reason: string): Reported =>
    s[key]?.length ? summarize(s[key]!, unit) : missing(reasons[key] ?? reason);
  const stages = (kind: string) =>
    Object.fromEntries(
      ['extract', 'transform', 'quality', 'load', 'verify'].map((st) => [
        st,
        fig(`stage.${kind}.${st}`, 'postings/s', 'not run'),
      ]),
    );
  const report = {
    kind: 'jobbench-perf',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `tsx perf/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    options: { ...options, dsn: undefined },
    tool: toolStamp(),
    machine: { ...machineStamp(), cpuModel: os.cpus()[0]?.model ?? null, loadAvg: os.loadavg() },
    peers: {
      psql: loadBench?.psqlVersion ?? null,
      dlt: loadBench?.dltVersion ?? null,
      rclone: lakeBench?.rcloneVersion ?? null,
      postgres: loadBench?.serverVersion ?? null,
    },
    workload: {
      source: 'sample',
      seed: 42,
      scale: options.scale,
      postings: prepared?.postings ?? null,
      rawFiles: prepared?.rawFiles.length ?? null,
      rawBytes: prepared?.rawBytes ?? null,
      rawFilesBytes: prepared?.rawFilesBytes ?? null,
    },
    e2ePostingsPerSec: fig('e2e.postgres', 'postings/s', 'e2e not run'),
    e2ePostingsPerSecLocal: fig('e2e.local', 'postings/s', 'e2e not run'),
    stages: { local: stages('local'), postgres: stages('postgres') },
    loadRowsPerSec: fig('load.ours', 'rows/s', 'load not run'),
    copyRowsPerSec: fig('load.copy', 'rows/s', 'load not run'),
    dltRowsPerSec: fig('load.dlt', 'rows/s', reasons.vsDlt ?? 'load not run'),
    // psql \copy of our load's own fact and bridge rows into our schema (perf/schema-copy-floor.ts).
    schemaCopyRowsPerSec: fig('load.schemaCopy', 'rows/s', 'load not run'),
    loadVsCopy: summarizeOr(pairedRatios(s['load.ours'] ?? [], s['load.copy'] ?? []), '×', 'load not run'),
    // How much of our load's time is the client's: 1 would be a client that costs nothing.
    loadVsSchemaCopy: summarizeOr(pairedRatios(s['load.ours'] ?? [], s['load.schemaCopy'] ?? []), '×', 'load not run'),
    // The most loadVsCopy can be while the schema keeps its bridge, indexes and reference checks.
    schemaCopyVsCopy: summarizeOr(pairedRatios(s['load.schemaCopy'] ?? [], s['load.copy'] ?? []), '×', 'load not run'),
    vsDlt: reasons.vsDlt
      ? missing(reasons.vsDlt)
      : summarizeOr(pairedRatios(s['load.ours'] ?? [], s['load.dlt'] ?? []), '×', 'load not run'),
    lakeOursMbPerSec: fig('lake.ours', 'MB/s', reasons.vsRclone ?? 'lake not run'),
    lakeRcloneMbPerSec: fig('lake.rclone', 'MB/s', reasons.vsRclone ?? 'lake not run'),
    vsRclone: reasons.vsRclone
      ? missing(reasons.vsRclone)
      : summarizeOr(pairedRatios(s['lake.ours'] ?? [], s['lake.rclone'] ?? []), '×', 'lake not run'),
    rssScales: { small: options.rssSmall, large: options.rssLarge },
    rssHeapBudgetMb: options.rssHeapMb > 0 ? options.rssHeapMb : null,
    rssTransformWorkers: options.rssTransformWorkers,
    // Measured at rssScales (defaults 20k and 100k, see notes); PostgreSQL warehouse and the
    // bench's own file store, so no PGlite sits in the process.
    peakRssMb100k: fig(`rss.postgres.${options.rssSmall}`, 'MiB', 'rss not run'),
    peakRssMb1M: fig(`rss.postgres.${options.rssLarge}`, 'MiB', 'rss not run'),
    rssRatio1Mto100k: fig('rss.ratio', '×', 'rss not run'),
    // The same large run with the default transform workers (one per core), for the price of speed in memory.
    peakRssMbWithWorkers: fig('rss.withWorkers', 'MiB', 'rss not run'),
    rssRunSeconds: {
      small: fig(`rssTimeS.${options.rssSmall}`, 's', 'rss not run'),
      large: fig(`rssTimeS.${options.rssLarge}`, 's', 'rss not run'),
    },
    processPeakRssMb: {
      note: "VmHWM of the whole pipeline child, including the PGlite that the registry's local provider opens to hand out the FsObjectStore",
      postgresAtScale: fig(`rssProcess.postgres.${options.scale}`, 'MiB', 'e2e not run'),
      localAtScale: fig(`rssProcess.local.${options.scale}`, 'MiB', 'e2e not run'),
    },
    rerunTimeRatio: fig('rerun.ratio', '× first run', 'e2e not run'),
    rerunRowsAdded: fig('rerun.rowsAdded', 'rows', 'e2e not run'),
    overheadNsPerOp: fig('overheadNs', 'ns/op', 'overhead not run'),
    transformOneThreadPostingsPerSec: fig('transform.oneThread', 'postings/s', 'transform not run'),
    transformOneThreadOutputSha256: transformDigests.size === 1 ? [...transformDigests][0]! : null,
    transformOnePageMs: fig('cli.transformOnePage', 'ms', 'cli not run'),
    cliHelpMs: fig('cli.help', 'ms', 'cli not run'),
    npmStartPeakRssMb: fig('npmStart.peakRss', 'MiB', 'npmstart not run'),
    notes,
    samples: s,
  };
  // `--out`: a partial run (`--only`) written elsewhere leaves the full report in place.
  const out = path.resolve(ROOT, argValue('out') ?? path.join('results', 'perf-latest.json'));
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  printReport(report, path.relative(ROOT, out));
}

function summarizeOr(values: number[], unit: string, reason: string): Reported {
  return values.length > 0 ? summarize(values, unit) : missing(reason);
}

export type PerfReport = Parameters<typeof printReport>[0];

await main();
