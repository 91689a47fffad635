/**
 * The JobPosting properties that carry a job's substance besides `description`
 * (schema.org/JobPosting, read 2026-12-04): `qualifications`, `skills`,
 * `responsibilities`, `experienceRequirements`, `educationRequirements`, `jobBenefits`
 * (and its superseded name `benefits`), `workHours`; plus the remote cues
 * `jobLocationType` and `applicantLocationRequirements`.
 *
 * Each may be Text, an array, or an object: `skills` a DefinedTerm (`name`,
 * `description`, `termCode`); `qualifications`/`educationRequirements` an
 * EducationalOccupationalCredential (`credentialCategory`, `educationalLevel`, `name`,
 * `description`); `experienceRequirements` an OccupationalExperienceRequirements
 * (`monthsOfExperience`, a Number: "the minimal number of months of experience required",
 * schema.org/OccupationalExperienceRequirements, read 2026-12-04);
 * `applicantLocationRequirements` an AdministrativeArea/Country/State with `name`.
 *
 * Nothing here classifies: the texts are handed to the existing rules (classify.ts,
 * skills.ts) through the description and the skill list.
 */
import { isRecord } from '../clean/build-posting.ts';
import { toNumber } from '../clean/salary.ts';
import { asArray, textOf } from './jsonld-fields.ts';

const MAX_DEPTH = 4;
/** Keys whose text describes the thing, in reading order. */
const TEXT_KEYS = ['name', 'description', 'credentialCategory', 'educationalLevel', 'value'] as const;

/** Every piece of text in a property value (strings, arrays, objects' name/description…), in order. */
export function textsOf(value: unknown, depth = 0): string[] {
  if (depth > MAX_DEPTH || value === undefined || value === null) return [];
  if (typeof value === 'string') {
    const text = value.trim();
    return text ? [text] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => textsOf(item, depth + 1));
  if (!isRecord(value)) return [];
  const out: string[] = [];
  for (const key of TEXT_KEYS) {
    for (const text of textsOf(value[key], depth + 1)) if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** The properties whose text is appended to the description, in this order. */
const TEXT_PROPERTIES = [
  'responsibilities',
  'qualifications',
  'experienceRequirements',
  'educationRequirements',
  'jobBenefits',
  'benefits',
  'workHours',
] as const;

/**
 * Text of the substance properties, to be read with the description. A section the
 * description already contains word for word is not repeated.
 */
export function substanceTexts(node: Record<string, unknown>, description: string): string[] {
  const out: string[] = [];
  for (const key of TEXT_PROPERTIES) {
    for (const text of textsOf(node[key])) {
      if (!description.includes(text) && !out.includes(text)) out.push(text);
    }
  }
  return out;
}

/** `skills` as a skill list: each Text, or each DefinedTerm's name (else its description). */
export function skillListOf(value: unknown): string[] {
  const out: string[] = [];
  for (const item of asArray(value)) {
    const texts = isRecord(item) ? textsOf(item.name ?? item.description) : textsOf(item);
    for (const text of texts) if (!out.includes(text)) out.push(text);
  }
  return out;
}

/**
 * The least `monthsOfExperience` stated (an array lists alternatives; the minimum is the
 * requirement). Null when none is a finite, non-negative number.
 */
export function monthsOfExperience(value: unknown): number | null {
  let least: number | null = null;
  for (const item of asArray(value)) {
    if (!isRecord(item)) continue;
    const months = toNumber(item.monthsOfExperience);
    if (months === null || months < 0 || months > 600) continue;
    least = least === null ? months : Math.min(least, months);
  }
  return least;
}

/**
 * `jobLocationType: "TELECOMMUTE"`: Google's JobPosting guide (developers.google.com/search/
 * docs/appearance/structured-data/job-posting, read 2026-12-04) reserves it for jobs
 * worked remotely 100 % of the time — partial work-from-home must not be marked so.
 */
export function isTelecommute(value: unknown): boolean {
  return asArray(value).some((t) => typeof t === 'string' && t.trim().toUpperCase() === 'TELECOMMUTE');
}

/** `applicantLocationRequirements`: the first area's name ("France", "FR", `{ name }`). */
export function applicantLocationOf(value: unknown): string | null {
  for (const item of asArray(value)) {
    const text = textOf(item);
    if (text) return text;
  }
  return null;
}
