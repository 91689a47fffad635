/**
 * The canonical posting: what `jobbench transform` prints, what `clean/` holds and what
 * every warehouse stores (docs/transform.md). It lives in providers/core because it is the
 * contract between the pipeline that produces it and the warehouses that load it;
 * `pipeline/model` re-exports it.
 */
import { hash } from 'node:crypto';
import { z } from 'zod';

export const CONTRACT_TYPES = [
  'permanent',
  'fixed-term',
  'temporary',
  'freelance',
  'internship',
  'apprenticeship',
  'other',
] as const;
export const WORKING_TIMES = ['full-time', 'part-time'] as const;
export const REMOTE_MODES = ['none', 'hybrid', 'full'] as const;
export const SENIORITIES = ['junior', 'mid', 'senior', 'lead'] as const;

export type ContractType = (typeof CONTRACT_TYPES)[number];
export type WorkingTime = (typeof WORKING_TIMES)[number];
export type RemoteMode = (typeof REMOTE_MODES)[number];
export type Seniority = (typeof SENIORITIES)[number];

const isoDateTime = z.iso.datetime({ offset: true });

export const locationSchema = z.object({
  /** The location text as the source gave it. */
  raw: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  /** INSEE département code: "75", "2A", "971". */
  departement: z.string().nullable(),
  /** Official région name: "Île-de-France". */
  region: z.string().nullable(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().length(2).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
});

export const salarySchema = z.object({
  /** Annualized gross salary in EUR; null when unknown. */
  minEurYear: z.number().nonnegative().nullable(),
  maxEurYear: z.number().nonnegative().nullable(),
  /** True when the figure is the source's estimate (Adzuna `salary_is_predicted`). */
  predicted: z.boolean(),
  /** The salary as the source wrote it. */
  raw: z.string().nullable(),
  /**
   * How the figure was read (pipeline/stages/transform/clean/salary.ts `normaliseSalary`), present
   * exactly when min or max is known: "stated" — amounts and period as the source
   * structured them; "inferred-period" — the period was not stated, or the stated one did
   * not fit the amount and the other was taken ("Mensuel de 28000 Euros" read as annual);
   * "from-text" — read from free text (France Travail `salaire.commentaire`). Optional so
   * clean files written before it stay valid.
   */
  basis: z.enum(['stated', 'inferred-period', 'from-text']).optional(),
});

export const postingSchema = z.object({
  /** Stable hash of source + sourceId. */
  id: z.string().min(1),
  source: z.string().min(1),
  sourceId: z.string().min(1),
  url: z.string().nullable(),
  title: z.string().min(1),
  company: z.string().nullable(),
  /** Plain text: no HTML, entities decoded, whitespace normalized. */
  description: z.string(),
  location: locationSchema,
  contractType: z.enum(CONTRACT_TYPES).nullable(),
  workingTime: z.enum(WORKING_TIMES).nullable(),
  remote: z.enum(REMOTE_MODES).nullable(),
  seniority: z.enum(SENIORITIES).nullable(),
  salary: salarySchema,
  /** Canonical lowercase skill names from the taxonomy. */
  skills: z.array(z.string()),
  postedAt: isoDateTime.nullable(),
  collectedAt: isoDateTime,
  /** The lake object this posting was parsed from. */
  rawKey: z.string(),
  /** Other copies of the same job on other sources (cross-source dedupe), if any. */
  duplicates: z.array(z.object({ source: z.string(), sourceId: z.string(), url: z.string().nullable() })).optional(),
  /**
   * Quality flags: where the source contradicted itself and the transform chose
   * (docs/transform.md, "Seniority and contract: precedence and conflicts"). Absent when
   * there is none. Values: `contract-conflict:title=<contract>,field=<contract>`,
   * `seniority-conflict:title=<seniority>,field=<seniority>`,
   * `seniority-conflict:contract=<internship|apprenticeship>,field=<seniority>`.
   */
  flags: z.array(z.string()).optional(),
});

export type PostingLocation = z.infer<typeof postingSchema>['location'];
export type PostingSalary = z.infer<typeof postingSchema>['salary'];
export type Posting = z.infer<typeof postingSchema>;

/**
 * SHA-256 of what a posting says (everything but when and from which lake object it was
 * collected), over keys in a fixed order: a rerun that collects the same job again is
 * "unchanged", an edited job is "updated".
 */
export function postingContentHash(posting: Posting): string {
  // The posting's text without its two collection fields, written straight from it rather
  // than from a copy without them, and hashed in one call (no Hash object per posting).
  return hash('sha256', stableObject(posting as Record<string, unknown>, 'collectedAt', 'rawKey'));
}

/**
 * JSON with object keys sorted, so equal values always serialize to equal text. Content
 * hashes stored in warehouses depend on this exact text, so its output must never change;
 * it is written with plain loops because it runs several times per posting per run.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableStringify(value[i]);
    return `${out}]`;
  }
  return stableObject(value as Record<string, unknown>, undefined, undefined);
}

/** `stableStringify` of an object, leaving out the keys `skip` and `alsoSkip` (undefined: none). */
function stableObject(record: Record<string, unknown>, skip: string | undefined, alsoSkip: string | undefined): string {
  // Default sort compares UTF-16 code units, the same order as `<` on strings.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    if (key === skip || key === alsoSkip) continue;
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quotedKey(key)}:${stableStringify(item)}`;
  }
  return `${out}}`;
}

/** Object keys repeat across postings (a few dozen distinct ones): quote each once. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 1024) quotedKeys.set(key, quoted); // bounded: keys of odd input are not kept
  }
  return quoted;
}
