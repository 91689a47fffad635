/**
 * Contract type, working time, remote mode and seniority from free text, in French and
 * English. Every rule runs on folded text (lowercase, no accents) with word boundaries.
 * Sources map their structured fields first; these functions fill what is still null:
 * the title is read before the description because it is the more deliberate text.
 * Two title cues outrank a structured field (see `classify` and docs/transform.md,
 * "Seniority and contract: precedence and conflicts"), and every disagreement between
 * the title and a structured field is recorded as a flag on the posting.
 */
import type { ContractType, RemoteMode, Seniority, WorkingTime } from '../../../../providers/core/index.ts';
import { fold } from '../../../model/fold.ts';

/**
 * A whole-word pattern on folded text. Its test first runs the alternatives without the
 * word boundaries: that pattern matches wherever the bounded one does, so a text it
 * rejects is rejected, and most descriptions hold none of a rule's words. V8 scans for a
 * bare alternation about twice as fast as for one behind a lookbehind
 * (docs/performance.md, "Third pass").
 */
class WordPattern {
  readonly exact: RegExp;
  private readonly candidate: RegExp;

  constructor(alternatives: string) {
    /** `\b` that also treats accented letters as letters is not needed: the text is folded first. */
    this.exact = new RegExp(`(?<![a-z0-9])(?:${alternatives})(?![a-z0-9])`);
    this.candidate = new RegExp(alternatives);
  }

  test(folded: string): boolean {
    return this.candidate.test(folded) && this.exact.test(folded);
  }
}

type Rule<T> = readonly [T, WordPattern];

const w = (alternatives: string) => new WordPattern(alternatives);

/** Most specific first: an "alternance en CDD" is an apprenticeship, a "stage" never a CDI. */
const CONTRACT_TITLE_RULES: readonly Rule<ContractType>[] = [
  [
    'apprenticeship',
    w(
      'alternance|alternant|alternante|apprentissage|apprenti|apprentie|apprentice|apprenticeship|work[- ]study|contrat (?:de )?pro(?:fessionnalisation)?',
    ),
  ],
  ['internship', w("(?<!early |late |next |any )stage|stagiaire|internship|intern|pfe|stage de fin d'etudes")],
  ['freelance', w('freelance|free[- ]lance|independant|independante|portage salarial|contractor|tjm')],
  ['temporary', w("interim|interimaire|mission d'interim|temporary|saisonnier")],
  ['fixed-term', w('cdd|contrat a duree determinee|fixed[- ]term')],
  ['permanent', w('cdi|contrat a duree indeterminee|permanent')],
];

/** In descriptions "stage" alone is too loose ("early-stage startup"): demand a phrase. */
const CONTRACT_TEXT_RULES: readonly Rule<ContractType>[] = [
  [
    'apprenticeship',
    w("en alternance|contrat d'apprentissage|contrat de professionnalisation|contrat pro|work[- ]study|apprenticeship"),
  ],
  [
    'internship',
    w("stagiaire|internship|(?:un|ce|du|votre|offre de|en|le) stage|stage (?:de|d'|en|pfe|conventionne|obligatoire)"),
  ],
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
  [
    'none',
    w(
      'pas de teletravail|sans teletravail|teletravail (?:non|pas) (?:possible|autorise)|100 ?% (?:sur site|presentiel|en presentiel)|full presentiel|on[- ]site only|no remote|pas de remote|poste en presentiel',
    ),
  ],
  [
    'full',
    w(
      'full[- ]remote|fully remote|100 ?% (?:remote|teletravail|a distance|en teletravail)|teletravail (?:complet|total|integral)|totalement (?:a distance|en teletravail)|remote[- ]first|remote only',
    ),
  ],
  [
    'hybrid',
    w(
      'hybride|hybrid|teletravail (?:partiel|possible|occasionnel|flexible|autorise)|\\d (?:jours?|j) (?:de )?(?:teletravail|remote)|remote partiel|partial remote|partially remote|(?:jours?|days?) (?:of |de )?(?:teletravail|remote) par semaine',
    ),
  ],
];

const SENIORITY_TITLE_RULES: readonly Rule<Seniority>[] = [
  [
    'lead',
    w('lead|leader|principal|staff|head of|chief|directeur|directrice|director|manager|responsable|chef de projet|vp'),
  ],
  ['senior', w('senior|sr|expert|experte|experimente|experimentee')],
  ['junior', w('junior|jr|debutant|debutante|debutant accepte|entry[- ]level|graduate|jeune diplome|jeune diplomee')],
  ['mid', w('confirme|confirmee|intermediate|mid[- ]level|medior')],
];

const SENIORITY_TEXT_RULES: readonly Rule<Seniority>[] = [
  ['junior', w('debutant accepte|debutants acceptes|jeune diplome|jeune diplomee|entry[- ]level|premiere experience')],
];

/** "5 ans d'expérience", "3+ years of experience", "2 à 4 ans d'expérience": the lower bound counts. */
const YEARS =
  /(?<![0-9])(\d{1,2})\s*(?:\+|ans? ?minimum|a \d{1,2}|-\s*\d{1,2}|to \d{1,2})?\s*(?:ans?|annees?|years?|yrs?)\s+(?:d'|de |of )?(?:experience|xp)/;
const YEARS_WORD = /experience|xp/;

function firstMatch<T>(rules: readonly Rule<T>[], folded: string): T | null {
  for (const [value, re] of rules) if (re.test(folded)) return value;
  return null;
}

/** One pattern for a whole rule list: most titles name no contract or level, and one test says so. */
const anyOf = (rules: readonly Rule<unknown>[]) => new RegExp(rules.map(([, re]) => re.exact.source).join('|'));
const ANY_CONTRACT_TITLE = anyOf(CONTRACT_TITLE_RULES);
const ANY_SENIORITY_TITLE = anyOf(SENIORITY_TITLE_RULES);

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

const BARE_REMOTE_TITLE = w('remote|teletravail|a distance');
const BARE_REMOTE_TEXT = w('teletravail|remote');

/** A bare "remote"/"télétravail" means full remote in a title, hybrid in a description. */
export function remoteFromText(text: FoldedText): RemoteMode | null {
  const fromTitle = firstMatch(REMOTE_RULES, text.title);
  if (fromTitle) return fromTitle;
  if (BARE_REMOTE_TITLE.test(text.title)) return 'full';
  return firstMatch(REMOTE_RULES, text.description) ?? (BARE_REMOTE_TEXT.test(text.description) ? 'hybrid' : null);
}

/**
 * Seniority keywords of a title only ("Lead", "Senior", "Junior", "confirmé"). A lead
 * role wins over a level named beside it ("Lead Data Engineer Senior" is a lead); a title
 * naming two different levels ("Data Analyst Junior / Confirmé") says nothing.
 */
export function seniorityFromTitle(foldedTitle: string): Seniority | null {
  if (!ANY_SENIORITY_TITLE.test(foldedTitle)) return null;
  let level: Seniority | null = null;
  for (const [value, re] of SENIORITY_TITLE_RULES) {
    if (!re.test(foldedTitle)) continue;
    if (value === 'lead') return 'lead';
    if (level !== null && level !== value) return null;
    level = value;
  }
  return level;
}

/** Years of experience → level: < 2 junior, 2–4 mid, ≥ 5 senior. */
export function seniorityFromYears(years: number): Seniority {
  if (years < 2) return 'junior';
  return years < 5 ? 'mid' : 'senior';
}

export function seniorityFromDescription(foldedDescription: string): Seniority | null {
  const keyword = firstMatch(SENIORITY_TEXT_RULES, foldedDescription);
  if (keyword) return keyword;
  // Every match of YEARS ends on one of these words: a text without them is not scanned.
  const years = YEARS_WORD.test(foldedDescription) ? YEARS.exec(foldedDescription) : null;
  return years ? seniorityFromYears(Number(years[1])) : null;
}

/** What a source's structured fields already said; null where they said nothing. */
export interface Classification {
  contractType: ContractType | null;
  workingTime: WorkingTime | null;
  remote: RemoteMode | null;
  seniority: Seniority | null;
}

/** The classification of one posting, with the disagreements found on the way. */
export interface ClassifyResult extends Classification {
  /**
   * Quality flags for the posting's `flags` field, in this order and format:
   * `contract-conflict:title=<contract>,field=<contract>` (the title names another contract
   * kind than the structured field), `seniority-conflict:title=<level>,field=<level>` (the
   * title names another level than the structured experience), and
   * `seniority-conflict:contract=<internship|apprenticeship>,field=<level>` (a trainee whose
   * structured experience is above junior). Empty when title and fields agree.
   */
  flags: string[];
}

/** Training contracts: what they are decides the contract kind and the level. */
function isTraining(contract: ContractType | null): boolean {
  return contract === 'internship' || contract === 'apprenticeship';
}

/**
 * Years of experience can say senior but never lead (a role, not a duration): a lead
 * title agrees with a senior-sized requirement.
 */
function agrees(decided: Seniority, field: Seniority): boolean {
  return decided === field || (decided === 'lead' && field === 'senior');
}

/**
 * Fills every null of `structured` from the text and settles title-versus-field
 * disagreements (docs/transform.md, "Seniority and contract: precedence and conflicts"):
 *
 * - Contract: the structured field wins, except that a training contract named in the
 *   title (stage/stagiaire/intern → internship, alternance/alternant/apprenti →
 *   apprenticeship) decides the kind whatever the field says, and a structured "other"
 *   gives way to any title cue. France Travail's "Types de contrats" referential has
 *   no internship code (CDI, CDD, MIS, SAI, CCE, FRA, LIB, REP, TTI, DDI, DIN; apprenticeship
 *   is a `natureContrat`, E2/FS) — as copied from the Offres d'emploi v2 referential in
 *   gip-inclusion/les-emplois, itou/utils/apis/pe_api_enums.py, read 2026-12-04 — so
 *   "Stagiaire …" offers arrive filed under CDI or CDD.
 * - Seniority: a level or role named in the title wins over the structured experience,
 *   because that experience is a minimum required, not a grade (schema.org
 *   `monthsOfExperience`: "the minimal number of months of experience required for a
 *   position", https://schema.org/monthsOfExperience, read 2026-12-04; France Travail
 *   `experienceExige` D/S/E with `experienceLibelle` "Débutant accepté"/"5 An(s)" is the
 *   same kind of requirement). Without one, trainees are junior; then the structured
 *   experience; then the description.
 *
 * Whenever the title (or the training contract) and a non-null structured field disagree,
 * a flag says which values met, whichever won.
 */
export function classify(structured: Classification, text: FoldedText): ClassifyResult {
  const flags: string[] = [];
  const titleContract = ANY_CONTRACT_TITLE.test(text.title) ? firstMatch(CONTRACT_TITLE_RULES, text.title) : null;
  const fieldContract = structured.contractType;
  let contractType: ContractType | null;
  if (fieldContract === null) {
    contractType = titleContract ?? firstMatch(CONTRACT_TEXT_RULES, text.description);
  } else if (titleContract === null || titleContract === fieldContract) {
    contractType = fieldContract;
  } else {
    contractType = isTraining(titleContract) || fieldContract === 'other' ? titleContract : fieldContract;
    flags.push(`contract-conflict:title=${titleContract},field=${fieldContract}`);
  }

  const titleLevel = seniorityFromTitle(text.title);
  const fieldLevel = structured.seniority;
  let seniority: Seniority | null;
  if (titleLevel !== null) {
    seniority = titleLevel;
    if (fieldLevel !== null && !agrees(titleLevel, fieldLevel))
      flags.push(`seniority-conflict:title=${titleLevel},field=${fieldLevel}`);
  } else if (isTraining(contractType)) {
    seniority = 'junior';
    if (fieldLevel !== null && fieldLevel !== 'junior')
      flags.push(`seniority-conflict:contract=${contractType},field=${fieldLevel}`);
  } else {
    seniority = fieldLevel ?? seniorityFromDescription(text.description);
  }
  return {
    contractType,
    workingTime: structured.workingTime ?? workingTimeFromText(text),
    remote: structured.remote ?? remoteFromText(text),
    seniority,
    flags,
  };
}
