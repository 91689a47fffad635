/** The perf bench's table on stdout. */
import { formatFigure, type Reported } from './figures.ts';

interface ReportView {
  command: string;
  machine: { cpus: number; node: string; cpuModel: string | null };
  workload: { scale: number; postings: number | null; rawFiles: number | null };
  peers: Record<string, string | null>;
  rssScales: { small: number; large: number };
  rssHeapBudgetMb: number | null;
  rssTransformWorkers: number;
  stages: Record<string, Record<string, Reported>>;
  [figure: string]: unknown;
}

export function printReport(report: ReportView, written = 'results/perf-latest.json'): void {
  const row = (label: string, figure: unknown, target = '') => {
    console.log(`${label.padEnd(44)} ${formatFigure(figure as Reported).padEnd(44)} ${target}`);
  };
  console.log(`\njobbench perf — ${report.command}`);
  console.log(`machine: ${report.machine.cpus} × ${report.machine.cpuModel ?? '?'}, node ${report.machine.node}`);
  console.log(
    `peers: ${Object.entries(report.peers)
      .map(([k, v]) => `${k}=${v ?? 'n/a'}`)
      .join('; ')}`,
  );
  console.log(
    `workload: sample seed 42, scale ${report.workload.scale} (${report.workload.postings ?? '?'} clean postings, ${report.workload.rawFiles ?? '?'} raw files)\n`,
  );
  console.log(`${'figure'.padEnd(44)} ${'median [95 % bootstrap CI]'.padEnd(44)} target`);
  row('end-to-end, FsObjectStore + PostgreSQL', report.e2ePostingsPerSec, '≥ 8,000 postings/s');
  row('end-to-end, local (FsObjectStore + PGlite)', report.e2ePostingsPerSecLocal, '≥ 5,000 postings/s');
  for (const [kind, stages] of Object.entries(report.stages)) {
    for (const [stage, figure] of Object.entries(stages)) row(`  ${kind} ${stage}`, figure);
  }
  row('warehouse load (ours)', report.loadRowsPerSec);
  row('psql \\copy of the fact rows (floor)', report.copyRowsPerSec);
  row('psql \\copy of our rows into our schema', report.schemaCopyRowsPerSec);
  row('dlt merge load', report.dltRowsPerSec);
  row('load ÷ raw COPY', report.loadVsCopy, '≥ 0.35×');
  row('load ÷ dlt', report.vsDlt, '≥ 5×');
  row('load ÷ psql \\copy into our schema', report.loadVsSchemaCopy);
  row("our schema's floor ÷ raw COPY (ceiling of load ÷ raw COPY)", report.schemaCopyVsCopy);
  row('lake upload (ours, S3ObjectStore puts)', report.lakeOursMbPerSec);
  row('lake upload (rclone copy)', report.lakeRcloneMbPerSec);
  row('lake upload ÷ rclone', report.vsRclone, '≥ 1×');
  const heap = report.rssHeapBudgetMb ? `heap ≤ ${report.rssHeapBudgetMb} MiB` : 'V8 default heap';
  const budget = `, ${heap}, ${report.rssTransformWorkers} workers`;
  row(`peak RSS at ${report.rssScales.small}${budget} (peakRssMb100k)`, report.peakRssMb100k);
  row(`peak RSS at ${report.rssScales.large}${budget} (peakRssMb1M)`, report.peakRssMb1M, '≤ 300 MiB at 1M');
  row(`RSS(${report.rssScales.large}) ÷ RSS(${report.rssScales.small})`, report.rssRatio1Mto100k, '≤ 1.2 (1M ÷ 100k)');
  row(`peak RSS at ${report.rssScales.large}, ${heap}, default workers`, report.peakRssMbWithWorkers);
  const proc = report.processPeakRssMb as Record<string, unknown>;
  row(`process VmHWM, PostgreSQL child at ${report.workload.scale}`, proc.postgresAtScale);
  row(`process VmHWM, local child at ${report.workload.scale}`, proc.localAtScale, '≤ 400 MiB at 20,000');
  row('idempotent rerun time ÷ first run', report.rerunTimeRatio, '≤ 0.3×');
  row('idempotent rerun rows added', report.rerunRowsAdded, '0');
  row('harness overhead per measured op', report.overheadNsPerOp);
  row('transform, one thread (--transform-workers 0)', report.transformOneThreadPostingsPerSec, '≥ 15,000 postings/s');
  row('jobbench transform, one small page (wall)', report.transformOnePageMs, '≤ 300 ms');
  row('jobbench --help (wall)', report.cliHelpMs, '≤ 150 ms');
  row('npm start (2,000 postings), peak RSS', report.npmStartPeakRssMb, '≤ 400 MiB');
  console.log(`\nwritten: ${written}`);
}
