/**
 * CSV cells a spreadsheet would run: Excel, LibreOffice and Google Sheets read a cell
 * that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)` phishing, `+cmd|…`
 * DDE), and tab or carriage return can stand in front of one. OWASP's advice
 * (https://owasp.org/www-community/attacks/CSV_Injection): prefix such a cell with a
 * single quote so it is shown as text. The quote changes the value a notebook reads, so
 * only text cells that could run are prefixed: a number such as `-12.5` cannot, and is
 * kept as it is.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number, the only thing after a sign a spreadsheet cannot run. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The text of a CSV cell as a spreadsheet will show it and never run it. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
