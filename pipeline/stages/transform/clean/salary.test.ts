import assert from 'node:assert/strict';
import {
  PAID_HOURS_PER_YEAR,
  WORKING_DAYS_PER_YEAR,
  normaliseSalary,
  parseAmount,
  parseUnitText,
  salaryFromAdzuna,
  salaryFromAmounts,
  weeklyHours,
  type SalaryAmounts,
} from './salary.ts';
import { salaryFromFranceTravail } from '../parsers/salary-france-travail.ts';
import { salaryOfJsonLd } from '../parsers/jsonld-fields.ts';

type Basis = 'stated' | 'inferred-period' | 'from-text' | undefined;

describe('salary', () => {
  describe('France Travail libellé', () => {
    const cases: [
      libelle: string | undefined,
      duree: string | undefined,
      min: number | null,
      max: number | null,
      basis: Basis,
    ][] = [
      ['Annuel de 45000.00 Euros à 55000.00 Euros sur 12.0 mois', '35H Horaires normaux', 45000, 55000, 'stated'],
      // A single figure is both ends of the range, as a JSON-LD single `value` is.
      ['Annuel de 38000 Euros', undefined, 38000, 38000, 'stated'],
      ['Annuel de 50000.0 Euros sur 12.0 mois', undefined, 50000, 50000, 'stated'],
      ['Annuel de 40000.0 Euros sur 13.0 mois', undefined, 40000, 40000, 'stated'], // annual already counts the 13th month
      ['Mensuel de 3000.00 Euros sur 13.0 mois', undefined, 39000, 39000, 'stated'],
      ['Mensuel de 2500.00 Euros à 2800.00 Euros sur 12 mois', undefined, 30000, 33600, 'stated'],
      ['Mensuel de 1600,00 Euros ï¿½ 1800,00 Euros', undefined, 19200, 21600, 'stated'], // mis-encoded "à", no months
      ['Mensuel de 1 766,92 Euros sur 12 mois', undefined, 21203, 21203, 'stated'],
      ['Mensuel de 600.0 Euros à 1700.0 Euros sur 12.0 mois', undefined, 7200, 20400, 'stated'], // work-study pay
      // Annual amounts filed as monthly: read as annual, and said so.
      ['Mensuel de 28000.0 Euros à 40000.0 Euros sur 12.0 mois', '35H Autre', 28000, 40000, 'inferred-period'],
      ['Mensuel de 24000,00 à 30000,00', undefined, 24000, 30000, 'inferred-period'], // no "Euros"
      ['Annuel de 3000.00 Euros', undefined, 36000, 36000, 'inferred-period'], // a monthly amount filed as annual
      ['Mensuel de 3000.00 Euros à 40000.00 Euros', undefined, null, null, undefined], // fits neither period: refused
      [
        'Horaire de 11.65 Euros sur 151.67 heures',
        '35H Horaires normaux',
        Math.round(11.65 * 151.67 * 12),
        Math.round(11.65 * 151.67 * 12),
        'stated',
      ],
      ['Horaire de 12.50 Euros sur 12 mois', '35H Horaires normaux', 22750, 22750, 'stated'],
      ['Horaire de 12.50 Euros sur 12 mois', '24 H  Horaires normaux', 15600, 15600, 'stated'],
      ['Horaire de 12.50 Euros sur 12 mois', undefined, 22750, 22750, 'stated'], // 35 h default
      [
        'Horaire de 11.65 Euros sur 12.0 mois',
        'temps partiel',
        Math.round(11.65 * 1820),
        Math.round(11.65 * 1820),
        'stated',
      ], // no hours: 35 h
      [
        'Horaire de 12.06 Euros sur 12.0 mois',
        '38H',
        Math.round(12.06 * 38 * 52),
        Math.round(12.06 * 38 * 52),
        'stated',
      ],
      [
        'Horaire de 20.00 Euros sur 13 mois',
        '37H30 Travail en équipe',
        Math.round(20 * 37.5 * 52 * (13 / 12)),
        Math.round(20 * 37.5 * 52 * (13 / 12)),
        'stated',
      ],
      ['Journalier de 450.00 Euros', undefined, 450 * WORKING_DAYS_PER_YEAR, 450 * WORKING_DAYS_PER_YEAR, 'stated'],
      ['Annuel de 55000.00 Euros à 45000.00 Euros', undefined, 45000, 55000, 'stated'], // reversed range
      ['Annuel de 1.00 Euros', undefined, null, null, undefined], // absurd: below any period
      ['Annuel de 4500000.00 Euros', undefined, null, null, undefined], // absurd: above 1 M€
      ['Horaire de 1000.00 Euros', undefined, null, null, undefined], // an hourly figure is never re-read as another period
      ['31k€ annuel sur 12 mois', undefined, 31000, 31000, 'from-text'], // the API documentation's own example
      ['Selon profil', undefined, null, null, undefined],
      ['Mensuel de trois mille Euros', undefined, null, null, undefined],
      [undefined, undefined, null, null, undefined],
    ];
    for (const [libelle, duree, min, max, basis] of cases) {
      it(`${libelle ?? '(none)'}${duree ? ` / ${duree}` : ''} → ${min}–${max} (${basis ?? 'no figure'})`, () => {
        const s = salaryFromFranceTravail(libelle, duree);
        assert.deepEqual([s.minEurYear, s.maxEurYear, s.basis], [min, max, basis]);
        assert.equal(s.raw, libelle ?? null);
        assert.equal(s.predicted, false);
      });
    }

    it('keeps the comment as raw when there is no libellé', () => {
      assert.deepEqual(salaryFromFranceTravail(undefined, undefined, 'Selon expérience'), {
        minEurYear: null,
        maxEurYear: null,
        predicted: false,
        raw: 'Selon expérience',
      });
    });

    it('reads a salary given only in the comment or a complement', () => {
      assert.deepEqual(salaryFromFranceTravail(undefined, undefined, 'A partir de 28 k€ brut annuel'), {
        minEurYear: 28000,
        maxEurYear: null,
        predicted: false,
        raw: 'A partir de 28 k€ brut annuel',
        basis: 'from-text',
      });
      const s = salaryFromFranceTravail('Selon profil', '35H', '45-55K€');
      assert.deepEqual(
        [s.minEurYear, s.maxEurYear, s.basis, s.raw],
        [45000, 55000, 'from-text', 'Selon profil | 45-55K€'],
      );
      const c = salaryFromFranceTravail(undefined, undefined, 'NC', 'Primes', '45 000 € brut/an');
      assert.deepEqual(
        [c.minEurYear, c.maxEurYear, c.basis, c.raw],
        [45000, 45000, 'from-text', 'NC | 45 000 € brut/an'],
      );
    });

    it('prefers the libellé to the comment, and benefit complements give no figure', () => {
      const s = salaryFromFranceTravail(
        'Mensuel de 3300.0 Euros sur 12.0 mois',
        '39H Autre',
        'A partir de 28 k€',
        'Primes',
        'Chèque repas',
      );
      assert.deepEqual(
        [s.minEurYear, s.maxEurYear, s.basis, s.raw],
        [39600, 39600, 'stated', 'Mensuel de 3300.0 Euros sur 12.0 mois'],
      );
      const none = salaryFromFranceTravail(undefined, '38H', 'Package avec bonus et intéressement', 'Autre');
      assert.deepEqual(none, {
        minEurYear: null,
        maxEurYear: null,
        predicted: false,
        raw: 'Package avec bonus et intéressement',
      });
    });
  });

  describe('the normaliser', () => {
    it('gives min = max for a single figure, and keeps a lone bound a bound', () => {
      assert.deepEqual(normaliseSalary({ value: 52000, period: 'YEAR', raw: 'x' }), {
        minEurYear: 52000,
        maxEurYear: 52000,
        predicted: false,
        raw: 'x',
        basis: 'stated',
      });
      assert.deepEqual([normaliseSalary({ min: 52000, period: 'YEAR', raw: 'x' }).maxEurYear], [null]);
      assert.deepEqual([normaliseSalary({ max: 52000, period: 'YEAR', raw: 'x' }).minEurYear], [null]);
    });

    it('infers a missing period from the size, and refuses a period it does not know', () => {
      assert.deepEqual(normaliseSalary({ value: 61000, raw: '61000' }).basis, 'inferred-period');
      assert.equal(normaliseSalary({ value: 3200, period: null, raw: '3200' }).minEurYear, 38400);
      assert.equal(normaliseSalary({ value: 35, raw: '35' }).minEurYear, null); // an hourly or daily rate cannot be told apart
      assert.equal(normaliseSalary({ value: 50000, period: 'FORTNIGHT', raw: 'x' }).minEurYear, null);
      assert.equal(normaliseSalary({ value: 50000, period: 'YEARLY', raw: 'x' }).basis, 'stated');
    });

    it('re-reads only the monthly/annual confusion, never an hourly or daily figure', () => {
      assert.deepEqual([normaliseSalary({ min: 45000, max: 55000, period: 'MONTH', raw: 'x' }).maxEurYear], [55000]);
      assert.equal(normaliseSalary({ value: 45000, period: 'DAY', raw: 'x' }).minEurYear, null);
      assert.equal(normaliseSalary({ value: 12000, period: 'MONTH', raw: 'x' }).minEurYear, 144000); // plausible as stated: kept
    });

    it('refuses other currencies and keeps raw and predicted on every answer', () => {
      assert.deepEqual(
        normaliseSalary({ value: 50000, period: 'YEAR', currency: 'USD', predicted: true, raw: '$50k' }),
        { minEurYear: null, maxEurYear: null, predicted: true, raw: '$50k' },
      );
      assert.equal(normaliseSalary({ value: 50000, period: 'YEAR', currency: '€', raw: null }).minEurYear, 50000);
    });
  });

  describe('JSON-LD baseSalary', () => {
    const q = (value: unknown, currency = 'EUR') => ({ '@type': 'MonetaryAmount', currency, value });
    const cases: [name: string, input: unknown, min: number | null, max: number | null][] = [
      [
        'YEAR range',
        q({ '@type': 'QuantitativeValue', minValue: 50000, maxValue: 60000, unitText: 'YEAR' }),
        50000,
        60000,
      ],
      [
        'YEARLY range (Welcome to the Jungle)',
        q({ '@type': 'QuantitativeValue', minValue: 36000, maxValue: 50000, unitText: 'YEARLY' }),
        36000,
        50000,
      ],
      ['MONTH single value', q({ value: 4000, unitText: 'MONTH' }), 48000, 48000],
      [
        'DAY rate × 218 days',
        q({ value: 500, unitText: 'DAY' }),
        500 * WORKING_DAYS_PER_YEAR,
        500 * WORKING_DAYS_PER_YEAR,
      ],
      ['WEEK × 52', q({ minValue: 800, maxValue: 900, unitText: 'WEEK' }), 41600, 46800],
      [
        'HOUR × 1820 paid hours',
        q({ value: 30, unitText: 'HOUR' }),
        30 * PAID_HOURS_PER_YEAR,
        30 * PAID_HOURS_PER_YEAR,
      ],
      ['string amounts', q({ minValue: '45 000', maxValue: '52000', unitText: 'year' }), 45000, 52000],
      ['bare annual number', 52000, 52000, 52000],
      ['bare monthly-looking number', 3200, 38400, 38400],
      ['bare tiny number is not guessed', 35, null, null],
      ['number value without unit', q(61000), 61000, 61000],
      ['USD is not converted', q({ minValue: 90000, maxValue: 120000, unitText: 'YEAR' }, 'USD'), null, null],
      ['GBP is not converted', q(50000, 'GBP'), null, null],
      ['unknown unit', q({ value: 50000, unitText: 'FORTNIGHT' }), null, null],
      ['absurd hourly', q({ value: 1000, unitText: 'HOUR' }), null, null],
      ['text amount', q({ value: 'selon profil', unitText: 'YEAR' }), null, null],
      ['absent', undefined, null, null],
    ];
    for (const [name, input, min, max] of cases) {
      it(`${name} → ${min}–${max}`, () => {
        const s = salaryOfJsonLd(input);
        assert.deepEqual([s.minEurYear, s.maxEurYear], [min, max]);
        if (input !== undefined) assert.ok(s.raw !== null && s.raw.length > 0, 'raw kept');
      });
    }
  });

  it('Adzuna salaries are annual, salary_is_predicted "1" or 1 means predicted', () => {
    assert.deepEqual(salaryFromAdzuna(42000, 50000, '1'), {
      minEurYear: 42000,
      maxEurYear: 50000,
      predicted: true,
      raw: 'salary_min=42000 salary_max=50000 (predicted)',
      basis: 'stated',
    });
    assert.equal(salaryFromAdzuna(42000.5, 42000.5, 0).predicted, false);
    assert.equal(salaryFromAdzuna(42000.5, 42000.5, 1).predicted, true);
    assert.deepEqual(salaryFromAdzuna(undefined, undefined, '0'), {
      minEurYear: null,
      maxEurYear: null,
      predicted: false,
      raw: null,
    });
    assert.deepEqual([salaryFromAdzuna('n/a', 'n/a', '0').minEurYear], [null]);
    // A monthly figure in the annual fields is read as monthly, and said so.
    assert.deepEqual(
      [salaryFromAdzuna(1800, 2200, '0').minEurYear, salaryFromAdzuna(1800, 2200, '0').basis],
      [21600, 'inferred-period'],
    );
  });

  it('non-EUR and implausible amounts keep their raw text', () => {
    const base: SalaryAmounts = {
      min: 100,
      max: 200,
      unit: 'YEAR',
      currency: 'EUR',
      predicted: false,
      raw: '100-200 €',
    };
    assert.deepEqual(salaryFromAmounts(base), {
      minEurYear: null,
      maxEurYear: null,
      predicted: false,
      raw: '100-200 €',
    });
    assert.equal(salaryFromAmounts({ ...base, min: 40000, max: 50000, currency: 'CHF' }).raw, '100-200 €');
    assert.equal(salaryFromAmounts({ ...base, min: 40000, max: 50000, unit: null }).minEurYear, null); // earlier interface: no unit, no figure
  });

  it('parses French and English amounts', () => {
    const cases: [string, number | null][] = [
      ['45000.00', 45000],
      ['1600,00', 1600],
      ['45 000', 45000],
      ['45\u00a0000,50', 45000.5],
      ['1.234,56', 1234.56],
      ['1,234.56', 1234.56],
      ['45,000', 45000],
      ['45.000', 45000],
      ['12.50', 12.5],
      ['abc', null],
      ['', null],
    ];
    for (const [text, value] of cases) assert.equal(parseAmount(text), value, text);
  });

  it('reads period words of schema.org, vendors and France Travail', () => {
    const cases: [unknown, string | null][] = [
      ['YEAR', 'YEAR'],
      ['YEARLY', 'YEAR'],
      ['per_year', 'YEAR'],
      ['Annuel', 'YEAR'],
      ['année', 'YEAR'],
      ['MONTHLY', 'MONTH'],
      ['Mensuel', 'MONTH'],
      ['HOURLY', 'HOUR'],
      ['Horaire', 'HOUR'],
      ['DAILY', 'DAY'],
      ['Journalier', 'DAY'],
      ['WEEKLY', 'WEEK'],
      ['Hebdomadaire', 'WEEK'],
      ['FORTNIGHT', null],
      [42, null],
    ];
    for (const [text, unit] of cases) assert.equal(parseUnitText(text), unit, String(text));
  });

  it('reads weekly hours from dureeTravailLibelle', () => {
    const cases: [unknown, number | null][] = [
      ['35H Horaires normaux', 35],
      ['35 H  Horaires normaux', 35],
      ['37H30 Travail en équipe', 37.5],
      ['24H Horaires normaux', 24],
      ['35H\nTravail en journée', 35],
      ['39 H', 39],
      ['Horaires variables', null],
      ['temps partiel', null],
      [undefined, null],
    ];
    for (const [text, hours] of cases) assert.equal(weeklyHours(text), hours, String(text));
  });
});
