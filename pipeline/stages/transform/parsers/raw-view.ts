/**
 * "Before cleaning" view of a payload: each record mapped field for field into the
 * posting shape exactly as the source wrote it — no HTML stripping, no INSEE lookup, no
 * salary annualization, no keyword classification, source codes left as they are
 * ("CDI", "full_time", "E"). The quality report run on this view is the baseline the
 * transform is measured against.
 */
import type { PayloadFormat } from '../../../sources/source.ts';
import { isRecord, pick } from '../clean/build-posting.ts';
import { asArray, identifierOf, textOf } from './jsonld-fields.ts';
import { jobPostingNodes } from './parse-jsonld.ts';

const orNull = (v: unknown) => (v === undefined || v === '' ? null : v);

function jsonArray(body: string, key: string): unknown[] {
  try {
    const value = pick(JSON.parse(body), key);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function adzuna(r: Record<string, unknown>): unknown {
  const area = asArray(pick(r, 'location', 'area'));
  return {
    id: orNull(r.id),
    sourceId: orNull(r.id),
    url: orNull(r.redirect_url),
    title: orNull(r.title),
    company: orNull(pick(r, 'company', 'display_name')),
    description: orNull(r.description),
    location: {
      raw: orNull(pick(r, 'location', 'display_name')),
      city: orNull(area[area.length - 1]),
      departement: null,
      region: orNull(area[1]),
      country: orNull(area[0]),
    },
    contractType: orNull(r.contract_type),
    workingTime: orNull(r.contract_time),
    remote: null,
    seniority: null,
    salary: { minEurYear: orNull(r.salary_min), maxEurYear: orNull(r.salary_max) },
    skills: [],
    postedAt: orNull(r.created),
  };
}

function franceTravail(r: Record<string, unknown>): unknown {
  const competences = asArray(r.competences)
    .map((c) => pick(c, 'libelle'))
    .filter((l) => typeof l === 'string');
  return {
    id: orNull(r.id),
    sourceId: orNull(r.id),
    url: orNull(pick(r, 'origineOffre', 'urlOrigine')),
    title: orNull(r.intitule),
    company: orNull(pick(r, 'entreprise', 'nom')),
    description: orNull(r.description),
    location: {
      raw: orNull(pick(r, 'lieuTravail', 'libelle')),
      city: null,
      departement: null,
      region: null,
      country: null,
    },
    contractType: orNull(r.typeContrat),
    workingTime: orNull(r.dureeTravailLibelleConverti),
    remote: null,
    seniority: orNull(r.experienceExige),
    // The salary is free text ("Mensuel de … sur 13 mois"): no annual figure before cleaning.
    salary: { minEurYear: null, maxEurYear: null, raw: orNull(pick(r, 'salaire', 'libelle')) },
    skills: competences,
    postedAt: orNull(r.dateCreation),
  };
}

function jsonLd(node: Record<string, unknown>): unknown {
  const address = pick(asArray(node.jobLocation)[0], 'address');
  const value = pick(node, 'baseSalary', 'value');
  const amount = (k: string) => (isRecord(value) ? orNull(value[k] ?? value.value) : orNull(value));
  return {
    id: orNull(identifierOf(node.identifier) ?? node.url),
    sourceId: orNull(identifierOf(node.identifier)),
    url: orNull(node.url),
    title: orNull(node.title),
    company: orNull(textOf(node.hiringOrganization)),
    description: orNull(node.description),
    location: {
      raw: null,
      city: orNull(pick(address, 'addressLocality')),
      postalCode: orNull(pick(address, 'postalCode')),
      departement: null,
      region: orNull(pick(address, 'addressRegion')),
      country: orNull(textOf(pick(address, 'addressCountry'))),
    },
    contractType: orNull(textOf(node.employmentType)),
    workingTime: null,
    remote: orNull(textOf(node.jobLocationType)),
    seniority: null,
    salary: { minEurYear: amount('minValue'), maxEurYear: amount('maxValue') },
    skills: asArray(node.skills),
    postedAt: orNull(node.datePosted),
  };
}

/** Posting-shaped records of one payload, untouched by normalization. */
export function rawRecords(format: PayloadFormat, body: string): unknown[] {
  switch (format) {
    case 'adzuna':
      return jsonArray(body, 'results').filter(isRecord).map(adzuna);
    case 'francetravail':
      return jsonArray(body, 'resultats').filter(isRecord).map(franceTravail);
    case 'jsonld':
      try {
        return jobPostingNodes(body).nodes.map(jsonLd);
      } catch {
        return [];
      }
    default:
      return [];
  }
}
