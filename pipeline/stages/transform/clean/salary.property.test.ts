import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PostingSalary } from '../../../../providers/core/index.ts';
import { postingSchema } from '../../../../providers/core/index.ts';
import {
  MAX_PLAUSIBLE_EUR_YEAR,
  MIN_PLAUSIBLE_EUR_YEAR,
  normaliseSalary,
  salaryFromAdzuna,
  type SalaryFigures,
} from './salary.ts';
import { salaryFromFranceTravail } from '../parsers/salary-france-travail.ts';
import { salaryFromText } from './salary-text.ts';

/** The invariants of every salary the normaliser gives. */
function check(s: PostingSalary, raw: string | null | undefined): void {
  assert.ok(postingSchema.shape.salary.safeParse(s).success, JSON.stringify(s));
  for (const v of [s.minEurYear, s.maxEurYear]) {
    if (v === null) continue;
    assert.ok(
      Number.isInteger(v) && v >= MIN_PLAUSIBLE_EUR_YEAR && v <= MAX_PLAUSIBLE_EUR_YEAR,
      `annual ${v} out of bounds`,
    );
  }
  if (s.minEurYear !== null && s.maxEurYear !== null)
    assert.ok(s.minEurYear <= s.maxEurYear, `min ${s.minEurYear} > max ${s.maxEurYear}`);
  const known = s.minEurYear !== null || s.maxEurYear !== null;
  assert.equal(s.basis !== undefined, known, 'a basis exactly when there is a figure');
  if (raw !== undefined) assert.equal(s.raw, raw);
}

const amount = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -10, max: 2_000_000 }),
  fc.double({ min: 0, max: 200, noNaN: true }),
  fc.constant(null),
);
const period = fc.oneof(
  fc.constantFrom('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR', 'YEARLY', 'Mensuel', 'FORTNIGHT', '', ' '),
  fc.string(),
  fc.constant(null),
  fc.constant(undefined),
);
/** Numbers the way French salary texts write them. */
const written = fc.oneof(
  fc.integer({ min: 0, max: 200_000 }).map(String),
  fc.integer({ min: 0, max: 200_000 }).map((n) => n.toLocaleString('fr-FR')),
  fc.double({ min: 0, max: 100_000, noNaN: true }).map((n) => n.toFixed(2).replace('.', ',')),
  fc.double({ min: 0, max: 100_000, noNaN: true }).map((n) => n.toFixed(1)),
);

describe('salary normaliser (properties)', () => {
  it('never throws, and every figure is annual, plausible and ordered', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            min: amount,
            max: amount,
            value: amount,
            period,
            currency: fc.oneof(fc.constantFrom('EUR', '€', 'USD', ''), fc.constant(null)),
            predicted: fc.boolean(),
            raw: fc.oneof(fc.string(), fc.constant(null)),
            fromText: fc.boolean(),
            hoursPerYear: fc.oneof(amount, fc.constant(undefined)),
            monthsPerYear: fc.oneof(amount, fc.constant(undefined)),
          },
          { requiredKeys: ['raw'] },
        ),
        (f) => check(normaliseSalary(f as SalaryFigures), f.raw),
      ),
      { numRuns: 2000 },
    );
  });

  it('gives min = max for a single figure', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 2_000_000, noNaN: true }), period, (v, p) => {
        const s = normaliseSalary({ value: v, period: p, raw: 'x' });
        assert.equal(s.minEurYear, s.maxEurYear);
      }),
    );
  });

  it('France Travail: never throws on libellés, hours and comments of any shape', () => {
    const libelle = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('Annuel', 'Mensuel', 'Horaire', 'Hebdomadaire', 'Journalier', 'mensuel'),
          written,
          fc.option(written),
          fc.constantFrom('', ' sur 12.0 mois', ' sur 13 mois', ' sur 151.67 heures', ' sur 0 mois', ' sur 99 heures'),
          fc.constantFrom(' Euros', '', ' €'),
        )
        .map(([p, a, b, tail, eur]) => `${p} de ${a}${eur}${b === null ? '' : ` à ${b}${eur}`}${tail}`),
      fc.string(),
      fc.anything(),
    );
    const duree = fc.oneof(
      fc.constantFrom(
        '35H Horaires normaux',
        '37H30 Travail en équipe',
        '99H',
        '0H',
        'temps partiel',
        '35H\nTravail en journée',
      ),
      fc.anything(),
    );
    const comment = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('A partir de ', 'Entre ', "Jusqu'à ", '', 'Salaire : '),
          written,
          fc.constantFrom(' k€', '€', ' EUR', 'K', ''),
          fc.constantFrom(' brut annuel', '/an', ' par mois', " de l'heure", ' et 50 k€', '-55K€', ''),
        )
        .map((parts) => parts.join('')),
      fc.string(),
      fc.anything(),
    );
    fc.assert(
      fc.property(libelle, duree, comment, comment, (l, d, c1, c2) => {
        const s = salaryFromFranceTravail(l, d, c1, c2);
        check(s, undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('free text and Adzuna: never throw, same invariants', () => {
    fc.assert(
      fc.property(fc.string(), (t) => {
        const s = salaryFromText(t, t);
        if (s) check(s, t);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, p) =>
        check(salaryFromAdzuna(a, b, p), undefined),
      ),
      { numRuns: 1000 },
    );
  });
});
