/**
 * A dashboard figure restyled for a projected slide: bigger type (the back of a room
 * reads a 1280-pixel-wide slide shrunk to a wall), no in-image title (the slide's own
 * title says it, in larger type), legends and margins scaled to match. The data and
 * every other layout choice stay the dashboard's own.
 */
import type { PlotlyFigure, PlotlyLayout } from '../dashboards/figure-types.ts';

/** Base font of a projected chart, in CSS pixels of a 1200-pixel-wide image. */
export const PROJECTOR_FONT = 20;

function scaledFont(font: unknown, size: number): PlotlyLayout {
  return { ...(typeof font === 'object' && font !== null ? (font as PlotlyLayout) : {}), size };
}

/** Each axis (xaxis, xaxis2, yaxis…) with a larger tick and title font. */
function scaledAxes(layout: PlotlyLayout): PlotlyLayout {
  const axes: PlotlyLayout = {};
  for (const [key, value] of Object.entries(layout)) {
    if (!/^[xy]axis\d*$/.test(key) || typeof value !== 'object' || value === null) continue;
    const axis = value as PlotlyLayout;
    const title =
      typeof axis.title === 'object' && axis.title !== null
        ? { ...(axis.title as PlotlyLayout), font: { size: PROJECTOR_FONT } }
        : axis.title;
    axes[key] = { ...axis, title, tickfont: { size: PROJECTOR_FONT - 2 } };
  }
  return axes;
}

export function forProjector(figure: PlotlyFigure): PlotlyFigure {
  const layout = figure.layout;
  const margin = (typeof layout.margin === 'object' && layout.margin !== null ? layout.margin : {}) as Record<
    string,
    number
  >;
  return {
    data: figure.data,
    layout: {
      ...layout,
      ...scaledAxes(layout),
      title: { text: '' },
      font: scaledFont(layout.font, PROJECTOR_FONT),
      legend: { ...((layout.legend as PlotlyLayout | undefined) ?? {}), font: { size: PROJECTOR_FONT - 2 } },
      // The title's room at the top goes to the legend; side margins grow with the type.
      margin: { ...margin, t: 50, l: Math.round((margin.l ?? 60) * 1.3), b: Math.round((margin.b ?? 50) * 1.2) },
    },
  };
}
