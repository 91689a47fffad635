/**
 * The cloud comparison page: static markup (containers the page script fills) plus the
 * run views as data, assembled into one offline HTML file.
 */
import { bundlePageScript } from '../render/bundle.ts';
import { renderPage } from '../render/html-page.ts';
import { vendorScripts } from '../render/vendor.ts';
import type { CloudPageData } from './cloud-data.ts';

const BODY = `
<header class="top">
  <div><h1>jobbench — cloud comparison</h1><div class="meta"><div id="run-meta"></div><div id="run-context"></div></div></div>
  <label class="meta">run&nbsp;<select id="run-select" aria-label="run"></select></label>
</header>
<div class="banner" id="emulated-banner" hidden></div>
<main>
  <section class="card" id="recommendation">
    <h2>Recommendation</h2>
    <p class="help">Only clouds are ranked; <code>local</code> runs on this machine and is shown as a reference row. Each criterion (object put and get p95, dashboard query p95 cold and warm, bulk-load rows/s, run and monthly cost, failure rates, free-tier fit) is scaled 0..1 against the best cloud (1 = best) and averaged within its group; the score is the weighted mean of the groups a cloud has a figure for, an unknown one left out rather than counted as 0. P(first) is the share of bootstrap draws over the repetitions in which a cloud ranks first, next to its score interval. A cloud is named only when every cloud was measured on the real service and it stands clear of the runner-up; otherwise the page says "no recommendation" and why. Move a weight to see the ranking change; the list below says how far each weight must move before another cloud comes first.</p>
    <p class="caveat" id="recommendation-caveat"></p>
    <div class="grid2">
      <div>
        <div id="weights"></div>
        <button class="small" id="reset-weights" type="button">reset to the run's weights</button>
        <div class="top-choice" id="top-choice"></div>
        <div id="ranking-table"></div>
        <p class="muted" id="ranking-method"></p>
        <h3 style="font-size:13px;margin:12px 0 2px">Sensitivity of the first-ranked cloud</h3>
        <div id="sensitivity" class="muted"></div>
      </div>
      <div><div class="fig" id="fig-score"></div><div class="fig" id="fig-criteria"></div></div>
    </div>
  </section>
  <section class="card">
    <h2>Latency</h2>
    <p class="help">Bars are p95 per scenario, whiskers run from p50 to p99 (log scale: a bar twice as tall is ten times slower). The step curve rebuilds the distribution of one scenario from its percentiles: read across at 95 % to get p95; a curve further right is slower, a long flat tail near 100 % means rare slow operations.</p>
    <div class="fig tall" id="fig-latency"></div>
    <div class="controls"><label>scenario<select id="scenario-select"></select></label></div>
    <div class="grid2"><div class="fig" id="fig-ecdf"></div><div class="fig" id="fig-history"></div></div>
    <div class="fig" id="fig-latency-queries"></div>
  </section>
  <section class="card">
    <h2>Throughput</h2>
    <p class="help">Postings per second through each pipeline stage (more is better) and where each provider's pipeline time went.</p>
    <div class="grid2"><div class="fig" id="fig-throughput"></div><div class="fig" id="fig-durations"></div></div>
  </section>
  <section class="card">
    <h2>Cost</h2>
    <p class="help">Cost of this run from metered usage × dated list prices; a provider without a price table shows "unknown", never 0. The monthly projection is the cost model's month at the collection volume (one 30-day month; requests and bytes scale per posting; lake and tables average half the month-end size; dashboards refresh 24 times a day), before and after the free allowances of the assumed free-tier regime, including the platform line: what the provider's stack costs a month while it stands (database instance and storage, keys, secrets, alarms, log ingestion), from its synthesized resources. The headroom chart shows how much of each monthly allowance that month uses (past 100 % the item is billed). "× runs" multiplies the per-run cost by the runs per month you type.</p>
    <div class="grid2">
      <div class="fig" id="fig-cost"></div>
      <div class="fig" id="fig-monthly"></div>
    </div>
    <div class="grid2">
      <div class="fig" id="fig-free-tier"></div>
      <div><div class="controls"><label>runs per month<input type="number" id="runs-per-month" value="30" min="0" step="1"></label></div><div id="cost-table"></div></div>
    </div>
  </section>
  <section class="card">
    <h2>Reliability</h2>
    <p class="help">Faults injected by the chaos layer, operations retried, operations that failed for good, and postings lost or stored twice (checked by id and content hash after the load). Anything above zero in "lost" or "duplicated" is a correctness problem, not a performance one.</p>
    <div class="fig" id="fig-reliability"></div>
  </section>
  <section class="card">
    <h2>Providers in this run</h2>
    <div id="providers-table"></div>
  </section>
</main>
<footer>Built by jobbench from stored results files. Opens offline: every library and figure is inside this file.</footer>
`;

export async function renderCloudComparison(data: CloudPageData): Promise<string> {
  const [plotly, script] = await Promise.all([vendorScripts('plotly'), bundlePageScript('cloud/cloud-page.ts')]);
  return renderPage({ title: 'jobbench — cloud comparison', body: BODY, libraries: plotly, data, script });
}
