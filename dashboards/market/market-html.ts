/** The job-market page: static markup, the snapshot as data, one offline HTML file. */
import { bundlePageScript } from '../render/bundle.ts';
import { escapeHtml, renderPage } from '../render/html-page.ts';
import { vendorScripts } from '../render/vendor.ts';
import type { MarketPageData } from './market-data.ts';

function body(data: MarketPageData): string {
  const emulatedBanner = data.emulated
    ? `<div class="banner"><strong>Emulated warehouse.</strong> These postings were loaded into the ${escapeHtml(data.provider)} provider running on an emulator or this machine; the market figures are real for the data collected, the platform was not the real cloud.</div>`
    : '';
  // Written into the markup, not by the page script: it shows before any chart is drawn, and without JavaScript.
  const generatedBanner = data.generatedNotice
    ? `<div class="banner" id="generated-banner" role="note"><strong>${escapeHtml(data.generatedNotice)}</strong></div>`
    : '';
  return `
<header class="top">
  <div><h1>jobbench — Data Science job market</h1><div class="meta"><div id="run-meta"></div><div id="run-context"></div></div></div>
</header>
${generatedBanner}
${emulatedBanner}
<main>
  <section class="card">
    <div class="controls">
      <label>source<select id="filter-source"></select></label>
      <label>région<select id="filter-region"></select></label>
      <label>contract<select id="filter-contract"></select></label>
      <label>seniority<select id="filter-seniority"></select></label>
      <label>skill<select id="filter-skill"></select></label>
      <label style="flex-direction:row;align-items:center;gap:6px"><input type="checkbox" id="filter-predicted" checked>count salaries predicted by the source</label>
      <button type="button" id="filter-reset">reset filters</button>
    </div>
    <p class="help">Every chart on this page is recomputed from the postings that match these filters. Salaries are the midpoint of the posted range, annual EUR; many postings have none, so each salary chart says how many it is based on.</p>
    <div class="kpis" id="kpis"></div>
  </section>
  <section class="card">
    <h2>Skills</h2>
    <p class="help">Left: how many postings ask for each skill. Right: the median salary of postings that ask for the skill minus the median of all matching postings — a positive premium means the skill comes with better-paid jobs (correlation, not cause: senior roles list more skills).</p>
    <div class="fig tall" id="fig-skills"></div>
  </section>
  <section class="card">
    <h2>Salaries</h2>
    <p class="help">Box = middle half of salaries (25th to 75th percentile), line = median, whiskers = the rest without outliers. The number next to each group is how many postings had a salary.</p>
    <div class="grid2"><div class="fig" id="fig-salary-seniority"></div><div class="fig" id="fig-salary-contract"></div></div>
    <div class="fig tall" id="fig-salary-region"></div>
  </section>
  <section class="card">
    <h2>Where and when</h2>
    <div class="grid2"><div class="fig tall" id="fig-map"></div><div><div class="fig" id="fig-time"></div><div class="fig" id="fig-companies"></div></div></div>
    <p class="help">${escapeHtml(data.map.attribution)} Overseas départements are drawn as squares on the left.</p>
  </section>
  <section class="card">
    <h2>Work arrangements</h2>
    <div class="grid2"><div class="fig" id="fig-remote"></div><div class="fig" id="fig-contract"></div></div>
  </section>
  <section class="card">
    <h2>Explore postings by period</h2>
    <p class="help">Drag or resize the shaded window on the lower strip to choose a period; the table lists the matching postings in it.</p>
    <div id="bokeh-time"></div>
    <p class="muted" id="table-caption"></p>
  </section>
  <section class="card">
    <h2>Salary and skills, linked</h2>
    <p class="help">Each point is a posting with a salary, coloured by seniority. Select points with the box or lasso tool: the bars show the skills those postings ask for. Double-click or reset to clear the selection.</p>
    <div id="bokeh-scatter"></div>
    <p class="muted" id="skills-caption"></p>
  </section>
</main>
<footer>Built by jobbench from the warehouse snapshot of run ${escapeHtml(data.runId)}. Opens offline: every library, map outline and figure is inside this file.</footer>
`;
}

export async function renderJobMarket(data: MarketPageData): Promise<string> {
  const [plotly, bokeh, script] = await Promise.all([
    vendorScripts('plotly'),
    vendorScripts('bokeh'),
    bundlePageScript('market/market-page.ts'),
  ]);
  return renderPage({
    title: 'jobbench — job market',
    body: body(data),
    libraries: [...plotly, ...bokeh],
    data,
    script,
  });
}
