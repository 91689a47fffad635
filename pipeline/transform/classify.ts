/**
 * Contract type, working time, remote mode and seniority from free text, in French and
 * English. Every rule runs on folded text (lowercase, no accents) with word boundaries.
 * Sources map their structured fields first; these functions fill what is still null:
 * the title is read before the description because it is the more deliberate text.
 */
import type { ContractType, RemoteMode, Seniority, WorkingTime } from '../../providers/core/index.ts';
import { fold } from '../model/fold.ts';

type Rule<T> = readonly [T, RegExp];

/** `\b` that also treats accented letters as letters is not needed: the text is folded first. */
const w = (alternatives: string) => new RegExp(`(?<![a-z0-9])(?:${alternatives})(?![a-z0-9])`);

/** Most specific first: an "alternance en CDD" is an apprenticeship, a "stage" never a CDI. */
const CONTRACT_TITLE_RULES: readonly Rule<ContractType>[] = [
  ['apprenticeship', w("alternance|alternant|alternante|apprentissage|apprenti|apprentie|apprenticeship|work[- ]study|contrat (?:de )?pro(?:fessionnalisation)?")],
  ['internship', w("(?<!early |late |next |any )stage|stagiaire|internship|intern|pfe|stage de fin d'etudes")],
  ['freelance', w('freelance|free[- ]lance|independant|independante|portage salarial|contractor|tjm')],
  ['temporary', w("interim|interimaire|mission d'interim|temporary|saisonnier")],
  ['fixed-term', w('cdd|contrat a duree determinee|fixed[- ]term')],
  ['permanent', w('cdi|contrat a duree indeterminee|permanent')],
];

/** In descriptions "stage" alone is too loose ("early-stage startup"): demand a phrase. */
const CONTRACT_TEXT_RULES: readonly Rule<ContractType>[] = [
  ['apprenticeship', w("en alternance|contrat d'apprentissage|contrat de professionnalisation|contrat pro|work[- ]study|apprenticeship")],
  ['internship', w("stagiaire|internship|(?:un|ce|du|votre|offre de|en|le) stage|stage (?:de|d'|en|pfe|conventionne|obligatoire)")],
  ['freelance', w('freelance|free[- ]lance|portage salarial|mission en independant|tjm')],
  ['temporary', w("mission d'interim|en interim|contrat d'interim|temporary contract")],
  ['fixed-term', w('cdd|contrat a duree determinee|fixed[- ]term')],
  ['permanent', w('cdi|contrat a duree indeterminee|permanent contract|permanent position|poste permanent')],
];

const WORKING_TIME_RULES: readonly Rule<WorkingTime>[] = [
  ['part-time', w('temps partiel|part[- ]time|mi[- ]temps|temps non complet')],
  ['full-time', w('temps plein|temps complet|full[- ]time')],
];

/** Negations first: "pas de télétravail" contains "télétravail". */
const REMOTE_RULES: readonly Rule<RemoteMode>[] = [
  ['none', w("pas de teletravail|sans teletravail|teletravail (?:non|pas) (?:possible|autorise)|100 ?% (?:sur site|presentiel|en presentiel)|full presentiel|on[- ]site only|no remote|pas de remote|poste en presentiel")],
  ['full', w('full[- ]remote|fully remote|100 ?% (?:remote|teletravail|a distance|en teletravail)|teletravail (?:complet|total|integral)|totalement (?:a distance|en teletravail)|remote[- ]first|remote only')],
  ['hybrid', w("hybride|hybrid|teletravail (?:partiel|possible|occasionnel|flexible|autorise)|\\d (?:jours?|j) (?:de )?(?:teletravail|remote)|remote partiel|partial remote|partially remote|(?:jours?|days?) (?:of |de )?(?:teletravail|remote) par semaine")],
];

const SENIORITY_TITLE_RULES: readonly Rule<Seniority>[] = [
  ['lead', w('lead|leader|principal|staff|head of|chief|directeur|directrice|director|manager|responsable|chef de projet|vp')],
  ['senior', w('senior|sr|expert|experte|experimente|experimentee')],
  ['junior', w("junior|jr|debutant|debutante|debutant accepte|entry[- ]level|graduate|jeune diplome|jeune diplomee")],
  ['mid', w('confirme|confirmee|intermediate|mid[- ]level|medior')],
];

const SENIORITY_TEXT_RULES: readonly Rule<Seniority>[] = [
  ['junior', w('debutant accepte|debutants acceptes|jeune diplome|jeune diplomee|entry[- ]level|premiere experience')],
];

/** "5 ans d'expérience", "3+ years of experience", "2 à 4 ans d'expérience": the lower bound counts. */
const YEARS = /(?<![0-9])(\d{1,2})\s*(?:\+|ans? ?minimum|a \d{1,2}|-\s*\d{1,2}|to \d{1,2})?\s*(?:ans?|annees?|years?|yrs?)\s+(?:d'|de |of )?(?:experience|xp)/;

function firstMatch<T>(rules: readonly Rule<T>[], folded: string): T | null {
  for (const [value, re] of rules) if (re.test(folded)) return value;
  return null;
}

/** Title and description, each folded once. */
export interface FoldedText {
  title: string;
  description: string;
}

export function foldText(title: string, description: string): FoldedText {
  return { title: fold(title), description: fold(description) };
}

export function contractFromText(text: FoldedText): ContractType | null {
  return firstMatch(CONTRACT_TITLE_RULES, text.title) ?? firstMatch(CONTRACT_TEXT_RULES, text.description);
}

export function workingTimeFromText(text: FoldedText): WorkingTime | null {
  return firstMatch(WORKING_TIME_RULES, text.title) ?? firstMatch(WORKING_TIME_RULES, text.description);
}

/** A bare "remote"/"télétravail" means full remote in a title, hybrid in a description. */
export function remoteFromText(text: FoldedText): RemoteMode | null {
  const fromTitle = firstMatch(REMOTE_RULES, text.title);
  if (fromTitle) return fromTitle;
  if (w('remote|teletravail|a distance').test(text.title)) return 'full';
  return firstMatch(REMOTE_RULES, text.description) ?? (w('teletravail|remote').test(text.description) ? 'hybrid' : null);
}

/** Seniority keywords of a title only ("Lead", "Senior", "Junior", "confirmé"). */
export function seniorityFromTitle(foldedTitle: string): Seniority | null {
  return firstMatch(SENIORITY_TITLE_RULES, foldedTitle);
}

/** Years of experience → level: < 2 junior, 2–4 mid, ≥ 5 senior. */
export function seniorityFromYears(years: number): Seniority {
  if (years < 2) return 'junior';
  return years < 5 ? 'mid' : 'senior';
}

export function seniorityFromDescription(foldedDescription: string): Seniority | null {
  const keyword = firstMatch(SENIORITY_TEXT_RULES, foldedDescription);
  if (keyword) return keyword;
  const years = YEARS.exec(foldedDescription);
  return years ? seniorityFromYears(Number(years[1])) : null;
}

/** What a source's structured fields already said; null where they said nothing. */
export interface Classification {
  contractType: ContractType | null;
  workingTime: WorkingTime | null;
  remote: RemoteMode | null;
  seniority: Seniority | null;
}

/**
 * Fills every null of `structured` from the text. Seniority: a title naming a lead role
 * wins over the structured experience level (France Travail's "3 ans" is a requirement,
 * not a grade); interns and apprentices default to junior.
 */
export function classify(structured: Classification, text: FoldedText): Classification {
  const contractType = structured.contractType ?? contractFromText(text);
  const titleLevel = seniorityFromTitle(text.title);
  let seniority = titleLevel === 'lead' ? 'lead' : (structured.seniority ?? titleLevel ?? seniorityFromDescription(text.description));
  if (seniority === null && (contractType === 'internship' || contractType === 'apprenticeship')) seniority = 'junior';
  return {
    contractType,
    workingTime: structured.workingTime ?? workingTimeFromText(text),
    remote: structured.remote ?? remoteFromText(text),
    seniority,
  };
}
