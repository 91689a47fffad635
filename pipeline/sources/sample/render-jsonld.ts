/**
 * Sample HTML pages carrying schema.org JobPosting JSON-LD the way career sites publish
 * it (Google's JobPosting structured-data guide): a single posting, separate blocks or an
 * `@graph` listing; HTML descriptions, sometimes HTML-escaped; baseSalary as a
 * MonetaryAmount with a QuantitativeValue per YEAR, MONTH, DAY or HOUR.
 */
import { describe } from './describe.ts';
import type { JobSpec } from './job-spec.ts';
import type { Random } from './prng.ts';

const UNIT = { year: 'YEAR', month: 'MONTH', day: 'DAY', hour: 'HOUR' } as const;

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A few accents as named entities, as many CMSs write them. */
const entityAccents = (s: string) => s.replace(/é/g, '&eacute;').replace(/è/g, '&egrave;').replace(/à/g, '&agrave;');

function employmentType(job: JobSpec, rng: Random): unknown {
  const time = job.workingTime === 'part-time' ? 'PART_TIME' : 'FULL_TIME';
  switch (job.contractType) {
    case 'internship':
      return rng.chance(0.5) ? ['FULL_TIME', 'INTERN'] : 'INTERN';
    case 'freelance':
      return 'CONTRACTOR';
    case 'temporary':
      return ['TEMPORARY', time];
    case 'permanent':
      return rng.chance(0.15) ? ['CDI'] : time;
    default:
      return rng.chance(0.5) ? [time] : time;
  }
}

function descriptionHtml(job: JobSpec, rng: Random): string {
  const ad = describe(job, rng);
  const html = [
    `<p>${entityAccents(escapeHtml(ad.intro))}</p>`,
    `<p><strong>${job.lang === 'fr' ? 'Vos missions' : 'Your missions'}</strong></p>`,
    `<ul>${ad.missions.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`,
    `<p>${escapeHtml(ad.stack)}</p>`,
    `<p>${escapeHtml(ad.profile)}</p>`,
    ...ad.terms.map((t) => `<p>${entityAccents(escapeHtml(t))}</p>`),
  ].join('');
  // Some sites escape their HTML once more inside JSON-LD.
  return rng.chance(0.25) ? escapeHtml(html) : html;
}

function baseSalary(job: JobSpec, rng: Random): unknown {
  if (job.defect === 'bad-salary')
    return {
      '@type': 'MonetaryAmount',
      currency: 'EUR',
      value: { '@type': 'QuantitativeValue', value: 'selon profil', unitText: 'YEAR' },
    };
  if (!rng.chance(0.45)) return undefined;
  const s = job.salary;
  if (s.period === 'year' && rng.chance(0.1)) return s.min;
  const value =
    s.max > s.min
      ? { '@type': 'QuantitativeValue', minValue: s.min, maxValue: s.max, unitText: UNIT[s.period] }
      : { '@type': 'QuantitativeValue', value: s.min, unitText: UNIT[s.period] };
  return { '@type': 'MonetaryAmount', currency: 'EUR', value };
}

export function jobPostingNode(job: JobSpec, id: string, rng: Random): Record<string, unknown> {
  const host = rng.chance(0.5) ? `careers.${slug(job.company)}.example` : 'emplois.sample-board.example';
  const day = new Date(job.postedAtMs).toISOString();
  const remoteOnly = job.remote === 'full' && rng.chance(0.5);
  const node: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: job.defect === 'no-title' ? undefined : job.defect === 'html-title' ? '&lt;br&gt;' : job.title,
    description: descriptionHtml(job, rng),
    identifier:
      job.defect === 'no-id'
        ? undefined
        : rng.chance(0.7)
          ? { '@type': 'PropertyValue', name: job.company, value: id }
          : id,
    datePosted: job.defect === 'bad-date' ? 'le 3 du mois' : rng.chance(0.5) ? day.slice(0, 10) : day,
    validThrough: new Date(job.postedAtMs + 45 * 86_400_000).toISOString(),
    employmentType: employmentType(job, rng),
    hiringOrganization: {
      '@type': 'Organization',
      name: job.company,
      sameAs: `https://www.${slug(job.company)}.example`,
    },
    baseSalary: baseSalary(job, rng),
    url: job.defect === 'no-id' ? undefined : `https://${host}/offres/${id}`,
  };
  if (remoteOnly) {
    node.jobLocationType = 'TELECOMMUTE';
    node.applicantLocationRequirements = { '@type': 'Country', name: 'France' };
  } else {
    node.jobLocation = {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressLocality: rng.chance(0.7) ? job.city.city : job.city.name,
        postalCode: rng.chance(0.8) ? job.city.postalCode : undefined,
        addressRegion: job.city.region,
        addressCountry: 'FR',
      },
      geo: rng.chance(0.5) ? { '@type': 'GeoCoordinates', latitude: job.city.lat, longitude: job.city.lon } : undefined,
    };
  }
  return node;
}

/** JSON for a <script> element: "<" escaped so no "</script>" can end the block early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function jsonLdPage(nodes: Record<string, unknown>[], title: string, rng: Random, brokenBlock: boolean): string {
  const blocks: string[] = [];
  if (nodes.length > 1 && rng.chance(0.5)) {
    blocks.push(
      scriptJson({ '@context': 'https://schema.org/', '@graph': nodes.map(({ '@context': _c, ...rest }) => rest) }),
    );
  } else {
    for (const node of nodes) blocks.push(scriptJson(node));
  }
  if (rng.chance(0.3)) {
    blocks.push(
      scriptJson({
        '@context': 'https://schema.org/',
        '@type': 'BreadcrumbList',
        itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Offres' }],
      }),
    );
  }
  if (brokenBlock)
    blocks.push(
      '{"@context":"https://schema.org/","@type":"JobPosting","title":"Data Engineer","description":"<p>Coup',
    );
  const cards = nodes
    .map((n) => `<article class="job"><h2>${escapeHtml(String(n.title ?? ''))}</h2></article>`)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    ...blocks.map((b) => `<script type="application/ld+json">${b}</script>`),
    '</head><body>',
    cards,
    '</body></html>',
  ].join('\n');
}
