/**
 * The one sentence every reader-facing output (job-market dashboard, analysis report,
 * deck) shows when postings come from the generated `sample` source: its figures then
 * describe the generator, not the job market. Kept here, next to the market snapshot
 * that records each posting's source, so the three outputs cannot word it differently.
 */

/** Name of the generator source (pipeline/sources/source.ts `SOURCE_NAMES`). */
export const GENERATED_SOURCE = 'sample';

export const GENERATED_POSTINGS_LABEL = 'generated postings: the figures describe the generator, not the market';

/** How many postings came from the generator, out of how many. */
export interface GeneratedShare {
  generated: number;
  total: number;
  /** Other sources with their counts, largest first. */
  others: { source: string; count: number }[];
}

export function generatedShare(postingsBySource: Readonly<Record<string, number>>): GeneratedShare {
  const generated = postingsBySource[GENERATED_SOURCE] ?? 0;
  const others = Object.entries(postingsBySource)
    .filter(([source, count]) => source !== GENERATED_SOURCE && count > 0)
    .map(([source, count]) => ({ source, count }))
    .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  return { generated, total: generated + others.reduce((n, o) => n + o.count, 0), others };
}

/**
 * The label, or null when no posting is generated. A run that mixes the generator with
 * real sources says which share is generated: the mix is neither the generator nor the
 * market, and a reader must know how much of each it holds.
 */
export function generatedPostingsNotice(postingsBySource: Readonly<Record<string, number>>): string | null {
  const share = generatedShare(postingsBySource);
  if (share.generated === 0) return null;
  if (share.others.length === 0) return `${GENERATED_POSTINGS_LABEL}.`;
  const percent = ((100 * share.generated) / share.total).toFixed(1).replace(/\.0$/, '');
  const rest = share.others.map((o) => `${o.source} ${o.count.toLocaleString('en-US')}`).join(', ');
  return (
    `${GENERATED_POSTINGS_LABEL} — ${share.generated.toLocaleString('en-US')} of ${share.total.toLocaleString('en-US')} postings ` +
    `(${percent} %) come from the generated ${GENERATED_SOURCE} source; the rest are collected (${rest}).`
  );
}
