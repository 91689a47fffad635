import assert from 'node:assert/strict';
import {
  HOURS_PER_YEAR,
  WORKING_DAYS_PER_YEAR,
  parseAmount,
  salaryFromAdzuna,
  salaryFromAmounts,
  salaryFromFranceTravail,
  weeklyHours,
  type SalaryAmounts,
} from './salary.ts';
import { salaryOfJsonLd } from './jsonld-fields.ts';

describe('salary', () => {
  describe('France Travail libellé', () => {
    const cases: [libelle: string | undefined, duree: string | undefined, min: number | null, max: number | null][] = [
      ['Annuel de 45000.00 Euros à 55000.00 Euros sur 12.0 mois', '35H Horaires normaux', 45000, 55000],
      ['Annuel de 38000 Euros', undefined, 38000, null],
      ['Mensuel de 3000.00 Euros sur 13.0 mois', undefined, 39000, null],
      ['Mensuel de 2500.00 Euros à 2800.00 Euros sur 12 mois', undefined, 30000, 33600],
      ['Mensuel de 1600,00 Euros ï¿½ 1800,00 Euros', undefined, 19200, 21600], // mis-encoded "à", no months
      ['Mensuel de 1 766,92 Euros sur 12 mois', undefined, 21203, null],
      ['Horaire de 12.50 Euros sur 12 mois', '35H Horaires normaux', 22750, null],
      ['Horaire de 12.50 Euros sur 12 mois', '24 H  Horaires normaux', 15600, null],
      ['Horaire de 12.50 Euros sur 12 mois', undefined, 22750, null], // 35 h default
      ['Horaire de 20.00 Euros sur 13 mois', '37H30 Travail en équipe', Math.round(20 * 37.5 * 52 * (13 / 12)), null],
      ['Annuel de 55000.00 Euros à 45000.00 Euros', undefined, 45000, 55000], // reversed range
      ['Annuel de 1.00 Euros', undefined, null, null], // absurd: below 1 000 €/yr
      ['Annuel de 4500000.00 Euros', undefined, null, null], // absurd: above 1 M€
      ['Selon profil', undefined, null, null],
      ['Mensuel de trois mille Euros', undefined, null, null],
      [undefined, undefined, null, null],
    ];
    for (const [libelle, duree, min, max] of cases) {
      it(`${libelle ?? '(none)'}${duree ? ` / ${duree}` : ''} → ${min}–${max}`, () => {
        const s = salaryFromFranceTravail(libelle, duree);
        assert.deepEqual([s.minEurYear, s.maxEurYear], [min, max]);
        assert.equal(s.raw, libelle ?? null);
        assert.equal(s.predicted, false);
      });
    }

    it('keeps the comment as raw when there is no libellé', () => {
      assert.deepEqual(salaryFromFranceTravail(undefined, undefined, 'Selon expérience'), { minEurYear: null, maxEurYear: null, predicted: false, raw: 'Selon expérience' });
    });
  });

  describe('JSON-LD baseSalary', () => {
    const q = (value: unknown, currency = 'EUR') => ({ '@type': 'MonetaryAmount', currency, value });
    const cases: [name: string, input: unknown, min: number | null, max: number | null][] = [
      ['YEAR range', q({ '@type': 'QuantitativeValue', minValue: 50000, maxValue: 60000, unitText: 'YEAR' }), 50000, 60000],
      ['MONTH single value', q({ value: 4000, unitText: 'MONTH' }), 48000, 48000],
      ['DAY rate × 218 days', q({ value: 500, unitText: 'DAY' }), 500 * WORKING_DAYS_PER_YEAR, 500 * WORKING_DAYS_PER_YEAR],
      ['WEEK × 52', q({ minValue: 800, maxValue: 900, unitText: 'WEEK' }), 41600, 46800],
      ['HOUR × 1607 legal hours', q({ value: 30, unitText: 'HOUR' }), 30 * HOURS_PER_YEAR, 30 * HOURS_PER_YEAR],
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
    assert.deepEqual(salaryFromAdzuna(42000, 50000, '1'), { minEurYear: 42000, maxEurYear: 50000, predicted: true, raw: 'salary_min=42000 salary_max=50000 (predicted)' });
    assert.equal(salaryFromAdzuna(42000.5, 42000.5, 0).predicted, false);
    assert.equal(salaryFromAdzuna(42000.5, 42000.5, 1).predicted, true);
    assert.deepEqual(salaryFromAdzuna(undefined, undefined, '0'), { minEurYear: null, maxEurYear: null, predicted: false, raw: null });
    assert.deepEqual([salaryFromAdzuna('n/a', 'n/a', '0').minEurYear], [null]);
  });

  it('non-EUR and implausible amounts keep their raw text', () => {
    const base: SalaryAmounts = { min: 100, max: 200, unit: 'YEAR', currency: 'EUR', predicted: false, raw: '100-200 €' };
    assert.deepEqual(salaryFromAmounts(base), { minEurYear: null, maxEurYear: null, predicted: false, raw: '100-200 €' });
    assert.equal(salaryFromAmounts({ ...base, min: 40000, max: 50000, currency: 'CHF' }).raw, '100-200 €');
  });

  it('parses French and English amounts', () => {
    const cases: [string, number | null][] = [
      ['45000.00', 45000], ['1600,00', 1600], ['45 000', 45000], ['45\u00a0000,50', 45000.5], ['1.234,56', 1234.56],
      ['1,234.56', 1234.56], ['45,000', 45000], ['45.000', 45000], ['12.50', 12.5], ['abc', null], ['', null],
    ];
    for (const [text, value] of cases) assert.equal(parseAmount(text), value, text);
  });

  it('reads weekly hours from dureeTravailLibelle', () => {
    const cases: [unknown, number | null][] = [['35H Horaires normaux', 35], ['35 H  Horaires normaux', 35], ['37H30 Travail en équipe', 37.5], ['24H Horaires normaux', 24], ['Horaires variables', null], [undefined, null]];
    for (const [text, hours] of cases) assert.equal(weeklyHours(text), hours, String(text));
  });
});
