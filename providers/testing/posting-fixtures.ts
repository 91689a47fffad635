/**
 * Deterministic canonical postings for the warehouse contract suite: varied enough to
 * exercise every dimension (nulls, accents, shared companies and skills).
 */
import type { Posting } from '../core/index.ts';

const CITIES = [
  { city: 'Paris', postalCode: '75011', departement: '75', region: 'Île-de-France', lat: 48.857, lon: 2.379 },
  { city: 'Lyon', postalCode: '69003', departement: '69', region: 'Auvergne-Rhône-Alpes', lat: 45.76, lon: 4.85 },
  { city: 'Ajaccio', postalCode: '20000', departement: '2A', region: 'Corse', lat: 41.92, lon: 8.74 },
  { city: 'Saint-Denis', postalCode: '97400', departement: '974', region: 'La Réunion', lat: -20.88, lon: 55.45 },
] as const;
const SKILLS = ['python', 'sql', 'machine learning', 'power bi', 'spark', 'dbt'];
const SENIORITY = ['junior', 'mid', 'senior', 'lead', null] as const;
const CONTRACT = ['permanent', 'fixed-term', 'internship', 'freelance', null] as const;

export function makePostings(count: number, options: { source?: string; titleSuffix?: string } = {}): Posting[] {
  const source = options.source ?? 'sample';
  return Array.from({ length: count }, (_, i) => {
    const place = CITIES[i % CITIES.length]!;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const salaryKnown = i % 3 !== 0;
    return {
      id: `${source}-${i.toString(36).padStart(6, '0')}`,
      source,
      sourceId: `src-${i}`,
      url: i % 5 === 0 ? null : `https://jobs.example.test/${i}`,
      title: `Data Scientist ${i}${options.titleSuffix ?? ''}`,
      company: i % 7 === 0 ? null : `Société ${['Alpha', 'Bêta', 'Gamma', 'Delta'][i % 4]}`,
      description: `Analyse de données, modèles & "tableaux de bord" — poste ${i}.`,
      location: {
        raw: `${place.departement} - ${place.city}`,
        city: place.city,
        postalCode: place.postalCode,
        departement: place.departement,
        region: place.region,
        country: 'FR',
        lat: place.lat,
        lon: place.lon,
      },
      contractType: CONTRACT[i % CONTRACT.length]!,
      workingTime: i % 9 === 0 ? 'part-time' : 'full-time',
      remote: (['none', 'hybrid', 'full', null] as const)[i % 4]!,
      seniority: SENIORITY[i % SENIORITY.length]!,
      salary: salaryKnown
        ? {
            minEurYear: 40000 + (i % 10) * 2500,
            maxEurYear: 50000 + (i % 10) * 3000,
            predicted: i % 2 === 0,
            raw: 'Annuel de 40000 à 50000 Euros',
          }
        : { minEurYear: null, maxEurYear: null, predicted: false, raw: null },
      skills: SKILLS.filter((_, s) => (i + s) % 3 === 0),
      postedAt: `2026-11-${day}T09:00:00.000Z`,
      collectedAt: '2026-11-28T10:00:00.000Z',
      rawKey: `raw/source=${source}/dt=2026-11-28/run=test/${i % 10}.json`,
    } satisfies Posting;
  });
}

export async function* asAsync<T>(items: Iterable<T>): AsyncIterable<T> {
  for (const item of items) yield item;
}
