/**
 * Text from data as Plotly must receive it. Plotly draws titles, tick labels, legends,
 * `text` and hover labels through its own HTML subset (src/lib/svg_text_utils.js:
 * `<a href>`, `<span style>`, `<b>`, `<br>`…), so a company named
 * `<a href="https://evil.example">` would become a live link in the chart. It also decodes
 * `&lt;` `&gt;` `&amp;` and numeric entities when it draws, so escaping `<`, `>` and `&`
 * shows the name exactly as the source sent it, as plain text. Our own markup (bold
 * provider names, `<br>` in hover labels) is written around the escaped text, never in it.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A data string for a Plotly label, legend, tick, `text` or hover text. */
export function plotlyText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/**
 * A data string written into a `hovertemplate`: Plotly would also fill in any `%{…}` in
 * it from the point's data, so `%` is escaped too (drawn back as `%`).
 */
export function plotlyTemplateText(text: string): string {
  return plotlyText(text).replace(/%/g, '&#37;');
}
