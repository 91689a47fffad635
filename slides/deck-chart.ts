/** One chart slide of the deck: the figure, what it says in one sentence, and where its numbers come from. */
import type { PlotlyFigure } from '../dashboards/figure-types.ts';

export interface DeckChart {
  /** File name stem of the image (`charts/<id>.png`). */
  id: string;
  /** Slide title. */
  title: string;
  figure: PlotlyFigure;
  /** Image size in CSS pixels before the projector scale. */
  width: number;
  height: number;
  /** One sentence of reading, computed from the same data as the figure. */
  reading: string;
  /** Data labels shown on the slide (emulated, generated), empty when the data is neither. */
  labels: string[];
  /** Speaker notes: the figures behind the chart and the files they come from. */
  notes: string[];
}

/** The label on every slide showing figures measured on an emulator or this machine. */
export function emulatedLabel(names: readonly string[]): string {
  return `measured on emulators: ${names.join(', ')} ran on an emulator or this machine, not the real cloud`;
}

/** The label on every slide showing postings from the `sample` source. */
export const GENERATED_LABEL = 'generated postings: the figures describe the generator, not the market';

/** The generated label, with the generated share when real sources are mixed in. */
export function generatedLabel(sources: Record<string, number>): string | null {
  const total = Object.values(sources).reduce((a, b) => a + b, 0);
  const generated = sources.sample ?? 0;
  if (generated === 0 || total === 0) return null;
  if (generated === total) return GENERATED_LABEL;
  return `${GENERATED_LABEL} (${Math.round((100 * generated) / total)} % of the postings)`;
}
