/**
 * One colour per provider on every figure of both dashboards, so "aws" is the same
 * orange in the latency, cost and ranking charts. Unknown names get a stable fallback.
 */
const PROVIDER_COLOURS: Record<string, string> = {
  local: '#64748b',
  aws: '#e8890c',
  gcp: '#2e9d4f',
  azure: '#1f6fd1',
};

const FALLBACK = ['#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#d35400', '#2c3e50'];

/** Colour of a provider: its brand-like colour, or a fallback picked from the name. */
export function providerColour(name: string): string {
  const known = PROVIDER_COLOURS[name];
  if (known) return known;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[hash % FALLBACK.length]!;
}

/** Categorical colours for sources, seniorities and other groups of the market dashboard. */
export const SERIES_COLOURS = [
  '#2563eb',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#06b6d4',
  '#ec4899',
  '#84cc16',
  '#f97316',
  '#64748b',
];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** Sequential blues for counts on the map (light → dark). */
export const SEQUENTIAL_BLUES = [
  '#eff6ff',
  '#dbeafe',
  '#bfdbfe',
  '#93c5fd',
  '#60a5fa',
  '#3b82f6',
  '#2563eb',
  '#1d4ed8',
  '#1e3a8a',
];
