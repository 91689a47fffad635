import assert from 'node:assert/strict';
import { figuresFromText, salaryFromText } from './salary-text.ts';

describe('salary text', () => {
  const cases: [text: string, min: number | null, max: number | null][] = [
    ['A partir de 28 k€ brut annuel', 28000, null], // "à partir de": a lower bound only
    ['45-55K€', 45000, 55000], // "k" on the second figure applies to both; no period: annual by size
    ['45 000 € brut/an', 45000, 45000],
    ['31k€ annuel sur 12 mois', 31000, 31000],
    ['Entre 40 et 45 k€ selon profil', 40000, 45000],
    ["jusqu'à 60k€", null, 60000],
    ['Rémunération : 2 275 EUR - 3 033 EUR par mois', 27300, 36396],
    ['Salaire : 3000 € brut mensuel sur 13 mois + 13ème mois', 39000, 39000], // 13 payments; the bonus month is no period
    ["Entre 15 et 20 EUR brut de l'heure", 15 * 1820, 20 * 1820],
    ['45k€ p.a.', 45000, 45000],
    ['35 000 € et 2 jours de télétravail', 35000, 35000], // "2 jours" is neither an upper bound nor the period
    ['40 000 € à 45 000', 40000, 45000],
  ];
  for (const [text, min, max] of cases) {
    it(`${text} → ${min}–${max}`, () => {
      const s = salaryFromText(text, text);
      assert.ok(s !== null);
      assert.deepEqual([s.minEurYear, s.maxEurYear, s.basis, s.raw], [min, max, 'from-text', text]);
    });
  }

  it('names no figure in texts without pay', () => {
    for (const text of [
      'NC',
      'Selon profil',
      'Selon expérience',
      'Primes',
      'Package avec bonus et intéressement',
      'Chèque repas',
      '13ème mois',
      'Bac+5, 3 ans',
      '35H Horaires normaux',
      '',
    ])
      assert.equal(figuresFromText(text), null, text);
  });

  it('does not take a bonus or a benefit for the pay', () => {
    assert.equal(figuresFromText('Prime annuelle de 2000€'), null);
    assert.equal(figuresFromText('Tickets restaurant 9 €'), null);
    assert.deepEqual(salaryFromText('45 k€ brut annuel, prime de 5 k€', null)?.maxEurYear, 45000);
  });

  it('refuses a figure that fits no period, keeping the raw text', () => {
    assert.deepEqual(salaryFromText('Rémunération : 11,65 € brut', 'r'), {
      minEurYear: null,
      maxEurYear: null,
      predicted: false,
      raw: 'r',
    });
  });
});
