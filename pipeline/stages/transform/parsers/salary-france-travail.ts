/**
 * France Travail salaries (Offres d'emploi v2, object `salaire` of each offer). The API
 * documents `libelle` "Libellé du salaire (ex : 31k€ annuel sur 12 mois)", `commentaire`
 * "Commentaire sur le salaire", `complement1`/`complement2` "Complément de rémunération
 * (prime, véhicule…)" and, on the offer, `dureeTravailLibelle` "Libellé de la durée de
 * travail" (francetravail.io, API Offres d'emploi v2 documentation, response of
 * GET /v2/offres/search, as mirrored in public client type definitions; read 2026-12-04).
 * In practice `libelle` is France Travail's own form — "Annuel de 45000.0 Euros à
 * 55000.0 Euros sur 12.0 mois", "Mensuel de 1600,00 Euros ï¿½ 1800,00 Euros", "Horaire
 * de 11.65 Euros sur 151.67 heures" — and free text lives in `commentaire` ("A partir de
 * 28 k€ brut annuel").
 */
import type { PostingSalary } from '../../../../providers/core/index.ts';
import {
  DEFAULT_WEEKLY_HOURS,
  MONTHS_PER_YEAR,
  WEEKS_PER_YEAR,
  normaliseSalary,
  parseAmount,
  unknownSalary,
  weeklyHours,
  type SalaryUnit,
} from '../clean/salary.ts';
import { salaryFromText } from '../clean/salary-text.ts';

/**
 * "<Période> de A [Euros] [à B [Euros]] [sur N mois | sur H heures]". "Euros" is optional
 * ("Mensuel de 24000,00 à 30000,00"); the "à" is matched loosely because some payloads
 * carry it mis-encoded ("ï¿½").
 */
const FT_AMOUNT = String.raw`(\d[\d.,]*(?:[\s\u00A0]\d{3}(?:[.,]\d+)?)*)`;
const FT_LIBELLE = new RegExp(
  String.raw`^\s*(annuel|mensuel|hebdomadaire|journalier|horaire)\s+de\s+${FT_AMOUNT}(?:\s*(?:euros?|€))?` +
    String.raw`(?:\s+(?!sur\b)\S{1,4}\s+${FT_AMOUNT}(?:\s*(?:euros?|€))?)?(?:\s+sur\s+(\d[\d.,]*)\s*(mois|heures?|h)\b)?`,
  'i',
);

const PERIOD: Record<string, SalaryUnit> = {
  annuel: 'YEAR',
  mensuel: 'MONTH',
  hebdomadaire: 'WEEK',
  journalier: 'DAY',
  horaire: 'HOUR',
};

/**
 * Reads an offer's salary through the one normaliser:
 * 1. `libelle` in France Travail's form: the period it names (basis "stated", or
 *    "inferred-period" when the amount does not fit it: "Mensuel de 28000.0 Euros" is
 *    annual); a single figure gives min = max; "sur N mois" is the number of monthly
 *    payments (× N for Mensuel); an hourly rate is paid on "sur H heures" a month × 12
 *    when given, else on the weekly hours of `dureeTravailLibelle` × 52 (35 h when absent
 *    or not a number of hours, e.g. "temps partiel"), × N/12 when N > 12 months are paid.
 * 2. Otherwise, or when that gives nothing, free text (basis "from-text"): a `libelle`
 *    not in that form, then `commentaire`, then the complements.
 * `raw` is the libellé when there is one, else the commentaire; when the figure came
 * from another field, that field's text is appended after " | ".
 */
export function salaryFromFranceTravail(
  libelle: unknown,
  dureeTravailLibelle: unknown,
  commentaire?: unknown,
  complement1?: unknown,
  complement2?: unknown,
): PostingSalary {
  const lib = textOrNull(libelle);
  const comment = textOrNull(commentaire);
  const raw = lib ?? comment;
  let hoursPerYear = (weeklyHours(dureeTravailLibelle) ?? DEFAULT_WEEKLY_HOURS) * WEEKS_PER_YEAR;

  const m = lib === null ? null : FT_LIBELLE.exec(lib);
  if (m) {
    const a = parseAmount(m[2]!);
    const b = m[3] ? parseAmount(m[3]) : null;
    const n = m[4] ? parseAmount(m[4]) : null;
    const perMonth = m[5]?.toLowerCase().startsWith('h');
    const months = !perMonth && n !== null && n >= 1 && n <= 16 ? n : MONTHS_PER_YEAR;
    if (perMonth && n !== null && n > 0 && n <= 260) hoursPerYear = n * MONTHS_PER_YEAR;
    if (months > MONTHS_PER_YEAR) hoursPerYear *= months / MONTHS_PER_YEAR;
    const salary = normaliseSalary({
      min: b === null ? null : a,
      max: b,
      value: b === null ? a : null,
      period: PERIOD[m[1]!.toLowerCase()]!,
      raw,
      monthsPerYear: months,
      hoursPerYear,
    });
    if (salary.minEurYear !== null || salary.maxEurYear !== null) return salary;
  }
  // Free text: a libellé not in the form, then the comment, then the complements.
  return (
    fromText(m ? null : lib, raw, raw, hoursPerYear) ??
    fromText(comment, raw, lib, hoursPerYear) ??
    fromText(textOrNull(complement1), raw, raw, hoursPerYear) ??
    fromText(textOrNull(complement2), raw, raw, hoursPerYear) ??
    unknownSalary(raw)
  );
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * The salary a text names, or null. Its `raw` is `raw`, with the text appended after " | "
 * when `shownWith` (the field already in raw) is another text.
 */
function fromText(
  text: string | null,
  raw: string | null,
  shownWith: string | null,
  hoursPerYear: number,
): PostingSalary | null {
  if (text === null) return null;
  const salary = salaryFromText(
    text,
    shownWith !== null && raw !== null && raw !== text ? `${raw} | ${text}` : raw,
    hoursPerYear,
  );
  return salary !== null && (salary.minEurYear !== null || salary.maxEurYear !== null) ? salary : null;
}
