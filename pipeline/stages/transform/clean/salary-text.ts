/**
 * Salary figures written as free text: France Travail's `salaire.commentaire` and
 * complements ("A partir de 28 k€ brut annuel", "45-55K€", "45 000 € brut/an", "Entre 15
 * et 20 EUR brut de l'heure"), or a libellé that is not in France Travail's own form
 * ("31k€ annuel sur 12 mois"). Only salary fields are read this way, never descriptions
 * (where "levée de 20 M€" or "CA de 5 000 000 €" would pass for pay).
 */
import type { PostingSalary } from '../../../../providers/core/index.ts';
import { normaliseSalary, parseAmount, type SalaryUnit } from './salary.ts';

/** What a salary text says, before the normaliser annualizes it. */
export interface TextFigures {
  min: number | null;
  max: number | null;
  /** A single figure with no "à partir de"/"jusqu'à": min = max. */
  value: number | null;
  /** The period the text names, or null (the normaliser infers it from the size). */
  period: SalaryUnit | null;
  /** "sur 13 mois": monthly payments a year, or null. */
  monthsPerYear: number | null;
}

/** "45000", "45 000", "45.000", "1 600,00", "11,65", "28000.0". */
const NUM = String.raw`\d{1,3}(?:[ .]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
/** An amount: number, optional "k" (thousands), optional currency ("€", "eur", "euros"). */
const AMOUNT = String.raw`(${NUM})(\s?k(?![a-z]))?(\s?(?:€|eur(?:os?)?(?![a-z])))?`;
const SEP = String.raw`\s*(?:-|–|—|à|a|au|to|et|and)\s*`;
const EXPRESSION = new RegExp(`${AMOUNT}(?:${SEP}${AMOUNT})?`, 'g');
const FIRST_AMOUNT = new RegExp(`^${AMOUNT}`);

const LOWER_BOUND =
  /(?:(?:à|a) partir d[e']|\bdès|\bminimum|\bmin\.?|au moins|plus de|\bfrom|starting at|at least)\s*:?$/;
const UPPER_BOUND = /(?:jusqu'(?:à|a)|\bmaximum|\bmax\.?|au plus|up to)\s*:?$/;
/** Words that make an amount something other than the pay itself. */
const NOT_PAY =
  /prime|bonus|variable|int[ée]ressement|participation|ticket|ch[èe]que|titre|mutuelle|indemnit|avantage|remboursement|package/;

/** Period words; the first one after the amount in its clause wins, else the last one before. */
const PERIOD_CUES: [SalaryUnit, RegExp][] = [
  ['HOUR', /\/\s?h(?![a-z])|\/\s?heure|par heure|de l'heure|\bheures?\b|\bhoraire|\bhourly|per hour|an hour/g],
  ['DAY', /\/\s?j(?:our)?(?![a-z])|par jour|\bjours?\b|\bjournali|\btjm\b|\bdaily|per day|a day/g],
  ['WEEK', /\/\s?sem|par semaine|\bsemaine|\bhebdo|\bweekly|per week|a week/g],
  ['MONTH', /\/\s?mois|\bmois\b|\bmensuel|\bmonthly|per month|a month|\bmonth\b/g],
  [
    'YEAR',
    /\/\s?an(?![a-z])|par an(?![a-z])|l'an(?![a-z])|\bannuel|\bann[ée]e|\byearly|\bannual|per (?:year|annum)|a year|\bp\.?a\.?(?![a-z])|\/\s?year/g,
  ],
];

/** Reads the first pay figure of a salary text; null when it names none. */
export function figuresFromText(text: unknown): TextFigures | null {
  if (typeof text !== 'string' || !/\d/.test(text)) return null;
  let s = text
    .toLowerCase()
    .replace(/[\u00A0\u202F]/g, ' ')
    .replace(/’/g, "'");
  let monthsPerYear: number | null = null;
  // "sur 13 mois" is how many monthly payments, and "13ème mois" a bonus: neither is a period.
  s = s.replace(/\b(?:sur|x|×)\s*(\d{1,2}(?:[.,]\d+)?)\s*mois\b/g, (_m, n: string) => {
    const months = parseAmount(n);
    if (months !== null && months >= 12 && months <= 16) monthsPerYear ??= months;
    return ' ';
  });
  s = s.replace(/\b1[3-6]\s*(?:e|ème|eme|è)\s*mois\b|treizi[èe]me mois/g, ' ');
  for (const m of s.matchAll(EXPRESSION)) {
    const [whole, n1, k1, c1, n2, k2, c2] = m;
    const start = m.index;
    let end = start + whole.length;
    const after = clauseAfter(s, end);
    const marked = Boolean(k1 || c1 || k2 || c2) || /^\s*(?:brut|gross)/.test(after);
    if (!marked) continue;
    const before = clauseBefore(s, start);
    if (NOT_PAY.test(before)) continue;
    const thousands = Boolean(k1 || k2);
    const scale = (n: string | undefined): number | null => {
      if (n === undefined) return null;
      const v = parseAmount(n);
      return v === null ? null : thousands && v < 1000 ? v * 1000 : v;
    };
    const a = scale(n1);
    let b = scale(n2);
    if (a === null) continue;
    // "35 000 € et 2 jours de télétravail": an unmarked second number far below the first is not its upper bound.
    if (b !== null && !(k2 || c2) && (k1 || c1) && b < a / 5) {
      b = null;
      end = start + (FIRST_AMOUNT.exec(whole)?.[0].length ?? whole.length);
    }
    const head = before.trimEnd();
    const figures: TextFigures = {
      min: null,
      max: null,
      value: null,
      period: periodNear(s, start, end),
      monthsPerYear,
    };
    if (b !== null) {
      figures.min = a;
      figures.max = b;
    } else if (LOWER_BOUND.test(head)) figures.min = a;
    else if (UPPER_BOUND.test(head)) figures.max = a;
    else figures.value = a;
    return figures;
  }
  return null;
}

/** Clause stops: a sentence end, a semicolon, a line break, a comma, "et"/"and", a "+" or a bracket. */
const STOPS = ['. ', ';', '\n', ', ', ' et ', ' and ', '+', '(', ')'];

/** Up to 40 characters before `start`, cut at the last clause stop. */
function clauseBefore(s: string, start: number): string {
  const window = s.slice(Math.max(0, start - 40), start);
  const cut = Math.max(...STOPS.map((c) => window.lastIndexOf(c) + (window.lastIndexOf(c) >= 0 ? c.length : 0)));
  return window.slice(Math.max(0, cut));
}

/** Up to 60 characters after `end`, cut at the first clause stop. */
function clauseAfter(s: string, end: number): string {
  const window = s.slice(end, end + 60);
  const stops = STOPS.map((c) => window.indexOf(c)).filter((i) => i >= 0);
  return stops.length ? window.slice(0, Math.min(...stops)) : window;
}

function periodNear(s: string, start: number, end: number): SalaryUnit | null {
  const after = clauseAfter(s, end);
  const before = clauseBefore(s, start);
  let best: { unit: SalaryUnit; at: number } | null = null;
  for (const [unit, re] of PERIOD_CUES) {
    re.lastIndex = 0;
    const m = re.exec(after);
    if (m && (best === null || m.index < best.at)) best = { unit, at: m.index };
  }
  if (best) return best.unit;
  let last: { unit: SalaryUnit; at: number } | null = null;
  for (const [unit, re] of PERIOD_CUES) {
    for (const m of before.matchAll(re)) if (last === null || m.index > last.at) last = { unit, at: m.index };
  }
  return last?.unit ?? null;
}

/**
 * The normalised salary of a salary text (basis "from-text"), or null when the text
 * names no pay figure. `raw` is what the posting keeps; `hoursPerYear` annualizes an
 * hourly rate (paid hours of the job).
 */
export function salaryFromText(text: unknown, raw: string | null, hoursPerYear?: number | null): PostingSalary | null {
  const f = figuresFromText(text);
  if (f === null) return null;
  return normaliseSalary({ ...f, raw, fromText: true, hoursPerYear: hoursPerYear ?? null });
}
