/**
 * A sample record in Adzuna's search-result shape (developer.adzuna.com, /v1/api/jobs/fr/search):
 * snippet description, annual salary_min/max with salary_is_predicted as "0"/"1", area
 * broad to specific, `__CLASS__` tags as the live API sends them.
 */
import { PAID_HOURS_PER_YEAR } from '../../stages/transform/clean/salary.ts';
import { describe } from './describe.ts';
import type { JobSpec } from './job-spec.ts';
import type { Random } from './prng.ts';

const ADZUNA_CONTRACT: Partial<Record<JobSpec['contractType'], string>> = {
  permanent: 'permanent',
  'fixed-term': 'contract',
  temporary: 'contract',
  apprenticeship: 'contract',
  internship: 'contract',
};

/** Adzuna dates carry no milliseconds: "2026-11-20T08:14:31Z". */
const adzunaDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function adzunaRecord(job: JobSpec, id: string, rng: Random): Record<string, unknown> {
  const ad = describe(job, rng);
  let description = [ad.intro, ...ad.missions, ad.stack, ad.profile, ...ad.terms].join(' ');
  if (description.length > 500) description = `${description.slice(0, 497).trimEnd()}…`;
  if (rng.chance(0.2)) description = description.replace(/ & /g, ' &amp; ');
  const city = job.city;
  const area = ['France', city.regionAdzuna, city.departementName];
  if (city.name !== city.departementName) area.push(city.name);
  const record: Record<string, unknown> = {
    __CLASS__: 'Adzuna::API::Response::Job',
    id: job.defect === 'no-id' ? undefined : id,
    adref: `eyJhbGciOiJIUzI1NiJ9.${id}`,
    title: job.defect === 'no-title' ? '' : job.defect === 'html-title' ? '<strong></strong>' : job.title,
    description,
    created: job.defect === 'bad-date' ? 'yesterday' : adzunaDate(job.postedAtMs),
    redirect_url: `https://www.adzuna.fr/land/ad/${id}?se=sample&utm_medium=api&v=${(Number(id) % 9973).toString(16)}`,
    company: { __CLASS__: 'Adzuna::API::Response::Company', display_name: job.company },
    location: {
      __CLASS__: 'Adzuna::API::Response::Location',
      display_name: `${city.name}, ${city.departementName}`,
      area,
    },
    latitude: city.lat + (rng.next() - 0.5) * 0.02,
    longitude: city.lon + (rng.next() - 0.5) * 0.02,
    category: { __CLASS__: 'Adzuna::API::Response::Category', tag: 'it-jobs', label: 'Emplois Informatique' },
    contract_time: job.workingTime === 'part-time' ? 'part_time' : rng.chance(0.85) ? 'full_time' : undefined,
  };
  const contract = ADZUNA_CONTRACT[job.contractType];
  if (contract && rng.chance(0.8)) record.contract_type = contract;
  // Adzuna states a salary on a little over half of French ads; it predicts some of them.
  if (rng.chance(0.55) || job.defect === 'bad-salary') {
    const annual = toAnnual(job);
    record.salary_min = job.defect === 'bad-salary' ? 'n/a' : annual.min;
    record.salary_max = job.defect === 'bad-salary' ? 'n/a' : annual.max;
    record.salary_is_predicted = rng.chance(0.3) ? '1' : '0';
  }
  return record;
}

function toAnnual(job: JobSpec): { min: number; max: number } {
  // The same paid hours the transform annualizes an hourly rate with, so a rate round-trips.
  const factor = { year: 1, month: 12, day: 218, hour: PAID_HOURS_PER_YEAR }[job.salary.period];
  return { min: Math.round(job.salary.min * factor), max: Math.round(job.salary.max * factor) };
}
