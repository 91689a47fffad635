/**
 * The shape of a Plotly figure as the figure functions return it: plain JSON the page
 * hands to `Plotly.newPlot` / `Plotly.react`. Kept loose on purpose: Plotly's own
 * attribute reference (plotly.com/javascript/reference) is the schema.
 */
export type PlotlyTrace = Record<string, unknown>;
export type PlotlyLayout = Record<string, unknown>;

export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Layout shared by every figure: one font, light grid, legend on top, tight margins. */
export function baseLayout(title: string, extra: PlotlyLayout = {}): PlotlyLayout {
  return {
    title: { text: title, x: 0, xanchor: 'left', font: { size: 15 } },
    font: { family: FONT, size: 12, color: '#1f2937' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 60, r: 20, t: 60, b: 50 },
    legend: { orientation: 'h', x: 0, y: 1.0, yanchor: 'bottom', font: { size: 11 } },
    hoverlabel: { font: { family: FONT } },
    ...extra,
  };
}

export function axis(title: string, extra: PlotlyLayout = {}): PlotlyLayout {
  return { title: { text: title }, gridcolor: '#e5e7eb', zerolinecolor: '#cbd5e1', automargin: true, ...extra };
}
