import assert from 'node:assert/strict';
import { toCloudRunView } from '../cloud/cloud-data.ts';
import {
  costFigure,
  freeTierFigure,
  latencyBarsFigure,
  latencyEcdfFigure,
  latencyScenarios,
  monthlyCostFigure,
  reliabilityFigure,
  stageDurationFigure,
  stageThroughputFigure,
} from '../cloud/cloud-figures.ts';
import { criteriaFigure, historyFigure, scoreFigure } from '../cloud/ranking-figures.ts';
import { HOSTILE_TEXT, hostileRunHistory } from '../fixtures/hostile-fixture.ts';
import { countBy, NO_FILTER, filterRows, postingsOverTime, salariesBy, topSkills } from '../market/market-aggregate.ts';
import { toMarketRows } from '../market/market-data.ts';
import { companiesFigure, salaryBoxFigure, shareFigure, skillsFigure, timeFigure } from '../market/market-figures.ts';
import { providerColour } from '../palette.ts';
import type { PlotlyFigure } from '../figure-types.ts';
import { plotlyTemplateText, plotlyText } from './plotly-text.ts';

/** Markup of the hostile fixture that must never reach Plotly unescaped. */
const RAW_MARKUP = [/<a[\s>]/i, /<span style=\\"font-size:200px/, /<img/i, /<<b>/];
/** A name whose `%{…}` Plotly would fill in, were it written into a hovertemplate as is. */
const RAW_TEMPLATE = '%{x} %{customdata[0]} template';

function assertNoRawMarkup(figure: PlotlyFigure, name: string): void {
  const json = JSON.stringify(figure);
  for (const pattern of RAW_MARKUP)
    assert.doesNotMatch(json, pattern, `${name} hands raw markup to Plotly (${pattern})`);
  for (const trace of figure.data)
    assert.ok(
      !String(trace.hovertemplate ?? '').includes(RAW_TEMPLATE),
      `${name} writes a name into a hovertemplate as is`,
    );
}

describe('dashboards: text from data handed to Plotly', function () {
  it('escapes < > & (and % inside templates) so Plotly draws the text as sent', function () {
    assert.equal(
      plotlyText('<a href="https://evil.example">R&D</a>'),
      '&lt;a href="https://evil.example"&gt;R&amp;D&lt;/a&gt;',
    );
    assert.equal(plotlyText('&lt;script&gt;'), '&amp;lt;script&amp;gt;');
    assert.equal(plotlyText('Société Générale'), 'Société Générale');
    assert.equal(plotlyTemplateText('%{customdata[0]} 100%'), '&#37;{customdata[0]} 100&#37;');
  });

  it('no market figure carries the hostile names as markup', function () {
    const rows = toMarketRows(
      HOSTILE_TEXT.flatMap((text, i) =>
        Array.from({ length: 3 }, (_, j) => ({
          id: `p${i}-${j}`,
          source: text,
          posted_day: `2026-11-${String(10 + j).padStart(2, '0')}`,
          company: text,
          region: text,
          departement: '75',
          city: text,
          contract_type: text,
          working_time: 'full-time',
          remote: text,
          seniority: text,
          salary_min: 40_000 + i * 1000,
          salary_max: 50_000,
          salary_predicted: false,
          skills: `${text}|python`,
        })),
      ),
    );
    const idx = filterRows(rows, NO_FILTER);
    const figures: Record<string, PlotlyFigure> = {
      skills: skillsFigure(topSkills(rows, idx, true)),
      box: salaryBoxFigure(salariesBy(rows, idx, 'region', true), 'by region'),
      time: timeFigure(postingsOverTime(rows, idx)),
      companies: companiesFigure(countBy(rows, idx, 'company')),
      share: shareFigure(countBy(rows, idx, 'remote'), 'remote'),
    };
    for (const [name, figure] of Object.entries(figures)) assertNoRawMarkup(figure, name);
    assert.ok(
      JSON.stringify(figures.companies).includes(JSON.stringify(plotlyText(HOSTILE_TEXT[0])).slice(1, -1)),
      'the company is shown escaped',
    );
  });

  it('no cloud figure carries hostile provider, scenario, stage, item or reason text as markup', function () {
    const runs = hostileRunHistory().map((r) => toCloudRunView(r, providerColour));
    const run = runs[runs.length - 1]!;
    const scenarios = latencyScenarios(run);
    const figures: Record<string, PlotlyFigure> = {
      latency: latencyBarsFigure(run, scenarios, 'latency'),
      stages: stageThroughputFigure(run),
      durations: stageDurationFigure(run),
      cost: costFigure(run),
      monthly: monthlyCostFigure(run),
      freeTier: freeTierFigure(run),
      reliability: reliabilityFigure(run),
      criteria: criteriaFigure(run.ranking!, true),
      score: scoreFigure(run.ranking!, run.ranking!.weights, true),
    };
    for (const scenario of scenarios) {
      figures[`ecdf ${scenario}`] = latencyEcdfFigure(run, scenario);
      figures[`history ${scenario}`] = historyFigure(runs, scenario);
    }
    for (const [name, figure] of Object.entries(figures)) assertNoRawMarkup(figure, name);
  });
});
