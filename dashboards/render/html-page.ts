/**
 * One self-contained HTML file: the libraries, the data and the page script inline.
 * A Content-Security-Policy forbids every network fetch, so a page that tried to load
 * anything (a font, a CDN script, a tile) would fail loudly rather than leak a request.
 */
import { PAGE_CSS } from './styles.ts';

export interface PageParts {
  title: string;
  /** Static markup of the page body (containers the page script fills). */
  body: string;
  /** Library scripts, in load order. */
  libraries: string[];
  /** Embedded as JSON in `<script type="application/json" id="jobbench-data">`. */
  data: unknown;
  /** The bundled page script. */
  script: string;
}

const CSP = [
  "default-src 'none'",
  // Inline scripts only; BokehJS compiles some expressions with Function().
  "script-src 'unsafe-inline' 'unsafe-eval'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  'worker-src blob:',
].join('; ');

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a script element: no `</script>`, no line separators JS chokes on. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script text that cannot close its element early. */
function inlineScript(text: string): string {
  return `<script>${text.replace(/<\/script/gi, '<\\/script')}</script>`;
}

export function renderPage(parts: PageParts): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head><body>',
    parts.body,
    `<script type="application/json" id="jobbench-data">${scriptJson(parts.data)}</script>`,
    ...parts.libraries.map(inlineScript),
    inlineScript(parts.script),
    '</body></html>',
    '',
  ].join('\n');
}
