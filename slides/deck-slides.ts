/**
 * The deck's slides in order, as Marp Markdown: title, the run, the method, the cloud
 * charts, the ranking, the market in numbers, the market charts, what the run supports.
 * Charts arrive as PNG bytes and are embedded (data URLs), so deck.html stands alone.
 * Speaker notes are Marp's presenter notes (HTML comments): the figures behind each
 * slide and the file they come from.
 */
import type { AnalysisReport } from '../analysis/report.ts';
import type { Results } from '../results/schema.ts';
import type { DeckChart } from './deck-chart.ts';
import {
  labelSpans,
  marketSummary,
  methodSlide,
  resultsTable,
  runLabels,
  supportsSlide,
  text,
} from './deck-content.ts';

export interface RenderedChart {
  chart: DeckChart;
  png: Buffer;
}

export interface DeckInput {
  results: Results;
  /** Where the results were read, for the notes (relative path). */
  resultsSource: string;
  cloud: RenderedChart[];
  /** The ranking chart, or null with the run's reason in `noRanking`. */
  ranking: RenderedChart | null;
  noRanking: string;
  /** Null when the run stored no market snapshot. */
  market: { analysis: AnalysisReport; analysisSource: string; charts: RenderedChart[] } | null;
}

interface Slide {
  body: string;
  notes?: string[];
  className?: string;
}

/** Presenter notes cannot contain the comment's end. */
function notes(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `\n\n<!--\n${lines.map((l) => l.replace(/--+>/g, '→')).join('\n')}\n-->`;
}

/** Image height on a chart slide, in slide pixels (1280 × 720). */
const IMAGE_HEIGHT = 410;

function chartSlide({ chart, png }: RenderedChart): Slide {
  return {
    className: 'chart',
    body: [
      `## ${text(chart.title)}`,
      '',
      `![h:${IMAGE_HEIGHT}](data:image/png;base64,${png.toString('base64')})`,
      '',
      `<p class="reading">${text(chart.reading)}</p>`,
      labelSpans(chart.labels),
    ].join('\n'),
    notes: chart.notes,
  };
}

function titleSlide(input: DeckInput): Slide {
  const r = input.results;
  return {
    className: 'title',
    body: [
      '# Which cloud for our job-market data platform?',
      '',
      `jobbench run \`${text(r.runId)}\` · ${r.startedAt.slice(0, 10)} · ${r.providers.length} providers · sources ${text(r.workload.sources.join(', '))} · scale ${r.workload.scale}`,
      '',
      labelSpans(runLabels(r, input.market?.analysis ?? null)),
    ].join('\n'),
    notes: [`Source: ${input.resultsSource} (run ${r.runId}, ${r.startedAt} → ${r.finishedAt}, status ${r.status}).`],
  };
}

export function deckSlides(input: DeckInput): string {
  const r = input.results;
  const slides: Slide[] = [
    titleSlide(input),
    {
      className: 'small',
      body: `## The run\n\n${resultsTable(r)}\n\n${labelSpans(runLabels(r, null))}`,
      notes: [`Source: ${input.resultsSource}, providers[].`],
    },
    {
      body: `## How it was measured\n\n${methodSlide(r)}`,
      notes: [
        `Source: ${input.resultsSource}, benchmark, workload and providers[].reliability (deadlines, retryPolicy, faults).`,
      ],
    },
    ...input.cloud.map(chartSlide),
    input.ranking
      ? chartSlide(input.ranking)
      : {
          body: `## Ranking of the clouds\n\n<p class="reading">${text(input.noRanking)}</p>\n\nThe embedded local stack is a reference, never ranked.`,
          notes: [`Source: ${input.resultsSource}, recommendation.`],
        },
  ];
  if (input.market) {
    const a = input.market.analysis;
    slides.push({
      body: `## The job market in this run\n\n${marketSummary(a)}\n\n${labelSpans(runLabels({ ...r, providers: [] }, a))}`,
      notes: [
        `Source: ${input.market.analysisSource} (jobbench analyze of run ${a.runId}, snapshot ${a.snapshotGeneratedAt}, provider ${a.provider}).`,
      ],
    });
    slides.push(...input.market.charts.map(chartSlide));
  } else {
    slides.push({
      body: '## The job market in this run\n\nThis run stored no market snapshot: no provider loaded postings into its warehouse, so there is no market to show.',
    });
  }
  slides.push({
    body: `## What this run supports\n\n${supportsSlide(r, input.market?.analysis ?? null)}`,
    notes: [`Source: ${input.resultsSource}.`],
  });
  return slides
    .map((s) => `${s.className ? `<!-- _class: ${s.className} -->\n\n` : ''}${s.body}${notes(s.notes ?? [])}`)
    .join('\n\n---\n\n');
}
