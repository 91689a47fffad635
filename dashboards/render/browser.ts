/**
 * Small helpers for the page scripts (bundled into the HTML, run in the browser): the
 * Plotly global, the embedded data, DOM building that never interprets data as HTML.
 */
import type { PlotlyFigure } from '../figure-types.ts';

interface PlotlyApi {
  newPlot(el: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
  react(el: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
}

const CONFIG = { displaylogo: false, responsive: true };

function plotlyApi(): PlotlyApi {
  return (globalThis as unknown as { Plotly: PlotlyApi }).Plotly;
}

/** Draws (or redraws in place) a figure into the element with this id. */
export async function draw(id: string, figure: PlotlyFigure): Promise<void> {
  const el = byId(id);
  const empty = figure.data.length === 0;
  el.classList.toggle('empty', empty);
  // An empty chart says so in its middle rather than showing bare axes.
  const layout = empty
    ? {
        ...figure.layout,
        xaxis: { visible: false },
        yaxis: { visible: false },
        annotations: [
          {
            text: 'no data for this view',
            xref: 'paper',
            yref: 'paper',
            x: 0.5,
            y: 0.5,
            showarrow: false,
            font: { size: 13, color: '#6b7280' },
          },
        ],
      }
    : figure.layout;
  await plotlyApi().react(el, figure.data, layout, CONFIG);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no element #${id}`);
  return el as T;
}

/** The JSON the renderer embedded in `<script type="application/json" id="jobbench-data">`. */
export function embeddedData<T>(): T {
  return JSON.parse(byId('jobbench-data').textContent ?? 'null') as T;
}

/** Creates an element with text content (never innerHTML for data) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; title?: string } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title) node.title = props.title;
  for (const child of children) node.append(child);
  return node;
}

export function table(head: string[], rows: (Node | string)[][], className = 'data'): HTMLTableElement {
  return el('table', { class: className }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        head.map((h) => el('th', { text: h })),
      ),
    ]),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          r.map((c) => el('td', {}, [c])),
        ),
      ),
    ),
  ]);
}

export function fillSelect(
  select: HTMLSelectElement,
  options: { value: string; label: string }[],
  selected?: string,
): void {
  select.replaceChildren(
    ...options.map((o) => {
      const opt = el('option', { text: o.label });
      opt.value = o.value;
      if (o.value === selected) opt.selected = true;
      return opt;
    }),
  );
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unknown';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Money with enough digits to show sub-cent run costs; "unknown" for null. */
export function formatMoney(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unknown';
  const digits = value !== 0 && Math.abs(value) < 1 ? 4 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${currency}`;
}
