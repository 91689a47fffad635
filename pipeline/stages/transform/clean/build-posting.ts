/**
 * The step every parser ends with: a source-shaped draft becomes a canonical posting
 * (text cleaned, classified, skills extracted, id computed) and is validated against
 * `postingSchema`. A draft that cannot be valid comes back as a reason, never a throw.
 */
import {
  postingSchema,
  type ContractType,
  type Posting,
  type PostingLocation,
  type PostingSalary,
} from '../../../../providers/core/index.ts';
import { CompanyWords } from './company-words.ts';
import { classify, foldText, type Classification, type FoldedText } from './classify.ts';
import { resolveLocation, type LocationInput } from './location.ts';
import type { PayloadFormat } from '../../../sources/source.ts';
import type { ParseContext } from '../parsers/parse-result.ts';
import { surelyValidPosting } from './posting-check.ts';
import { postingId } from './posting-id.ts';
import { checkPostingUrl } from './safe-url.ts';
import { extractSkills, type SkillText } from './skills.ts';
import { cleanLine, cleanOptionalLine, cleanText, fold } from './text.ts';
import { CharacterScrubber, firstUnstorablePath, hasUnstorableCharacters } from './unsafe-characters.ts';

/** What a parser read from one record, before normalization. */
export interface PostingDraft {
  /** The payload format the record was read from. */
  format: PayloadFormat;
  sourceId: unknown;
  url: unknown;
  title: unknown;
  company: unknown;
  /** HTML or plain text. */
  description: unknown;
  location: LocationInput;
  /** Values the source states in structured fields; text fills the rest. */
  structured: Classification;
  /** A vague structured contract, used only when the text names none (Adzuna's "contract"). */
  contractFallback?: ContractType | null;
  salary: PostingSalary;
  /** Skill labels the source lists explicitly (France Travail `competences`, JSON-LD `skills`). */
  skillLists?: readonly string[];
  postedAt: unknown;
}

export type BuildOutcome = { ok: true; posting: Posting } | { ok: false; reason: string };

/** ISO 8601 from a date string or epoch milliseconds; null when unreadable. */
export function toIsoDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  const date = new Date(value);
  const time = date.getTime();
  // Years outside 1990–2200 are corrupt values, not job ads.
  if (!Number.isFinite(time) || time < 631_152_000_000 || time > 7_258_118_400_000) return null;
  return date.toISOString();
}

function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/**
 * Fields the text cleaners produce, which end with the same repair (text.ts): the final
 * check skips them, as the description is most of a posting's bytes.
 */
const CLEANED_BY_TEXT_RULES: ReadonlySet<string> = new Set(['description']);

export function buildPosting(draft: PostingDraft, context: ParseContext): BuildOutcome {
  const ownId = idText(draft.sourceId);
  if (ownId === null) return { ok: false, reason: 'missing source id' };
  // An id is an identity, not text to clean: two ids that differ only by a control
  // character would merge into one posting.
  if (hasUnstorableCharacters(ownId))
    return { ok: false, reason: 'source id holds a control character or invalid Unicode' };
  // A source relaying several formats (the sample generator, an aggregator) could see the
  // same bare id in two of them: the format becomes a namespace so posting ids never
  // collide. JSON-LD ids already carry their site ("host:identifier", or a URL).
  const sourceId = context.source === draft.format || draft.format === 'jsonld' ? ownId : `${draft.format}:${ownId}`;
  // Bad characters go before any cleaning, so a control cannot hide a tag from the stripper.
  const scrubber = new CharacterScrubber();
  const title = cleanLine(scrubber.scrub('title', draft.title));
  if (title === '')
    return {
      ok: false,
      reason:
        typeof draft.title === 'string' && draft.title.trim() !== ''
          ? 'missing title (only markup or control characters)'
          : 'missing title',
    };
  const description = cleanText(scrubber.scrub('description', draft.description));
  const company = cleanOptionalLine(scrubber.scrub('company', draft.company));
  const folded = foldText(title, description);
  const classes = classify(draft.structured, folded);
  const url = checkPostingUrl(scrubber.scrub('url', draft.url));
  const candidate: Posting = {
    id: postingId(context.source, sourceId),
    source: context.source,
    sourceId,
    url: url.url,
    title,
    company,
    description,
    location: plainLocation(resolveLocation(scrubbedLocation(draft.location, scrubber))),
    contractType: classes.contractType ?? draft.contractFallback ?? null,
    workingTime: classes.workingTime,
    remote: classes.remote,
    seniority: classes.seniority,
    salary: { ...draft.salary, raw: plainOptional(scrubber.scrub('salary', draft.salary.raw)) },
    skills: extractSkills(withoutCompany(title, description, folded, company), draft.skillLists ?? []),
    postedAt: toIsoDate(draft.postedAt),
    collectedAt: context.collectedAt,
    rawKey: context.rawKey,
  };
  // Only when the source contradicted itself (classify.ts) or its text had to be repaired:
  // most postings have none.
  const flags = [...classes.flags, ...scrubber.flags(), ...(url.flag === null ? [] : [url.flag])];
  if (flags.length > 0) candidate.flags = flags;
  // zod only when the cheap check is unsure (posting-check.ts): its reasons stay the reasons.
  if (!surelyValidPosting(candidate)) {
    const checked = postingSchema.safeParse(candidate);
    if (!checked.success) {
      const issues = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return { ok: false, reason: `invalid posting: ${issues.join('; ')}` };
    }
  }
  // Last line of defence for the warehouse: a field this function forgot to scrub is a
  // quarantined record, never a failed load.
  const unstorable = firstUnstorablePath(candidate, CLEANED_BY_TEXT_RULES);
  if (unstorable !== null)
    return { ok: false, reason: `invalid posting: ${unstorable} holds a control character or invalid Unicode` };
  return { ok: true, posting: candidate };
}

const MARKUP_OR_ENTITY = /[<&]/;

/** Location fields that hold text (the rest are numbers or `area`). */
const LOCATION_TEXTS = ['raw', 'inseeCode', 'postalCode', 'city', 'departement', 'region', 'country'] as const;

/** The source's location texts with bad characters removed, before resolution reads them. */
function scrubbedLocation(input: LocationInput, scrubber: CharacterScrubber): LocationInput {
  // Copied only when something changes: this runs for every posting.
  let scrubbed: LocationInput | null = null;
  for (const key of LOCATION_TEXTS) {
    const value = input[key];
    const clean = scrubber.scrub('location', value);
    if (clean === value) continue;
    scrubbed ??= { ...input };
    scrubbed[key] = clean;
  }
  const area = input.area ? scrubber.scrubAll('location', input.area) : input.area;
  if (area !== input.area) {
    scrubbed ??= { ...input };
    scrubbed.area = area;
  }
  return scrubbed ?? input;
}

/** The location's free texts as plain text: markup in an address (JSON-LD) is no place name. */
function plainLocation(location: PostingLocation): PostingLocation {
  const { raw, city, postalCode } = location;
  if (!MARKUP_OR_ENTITY.test(`${raw}${city}${postalCode}`)) return location;
  return { ...location, raw: plainOptional(raw), city: plainOptional(city), postalCode: plainOptional(postalCode) };
}

/**
 * Free text kept as the source wrote it (location, salary), made plain only when it holds
 * markup or entities: ordinary values keep their exact text, and so their content hash.
 */
function plainOptional(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return MARKUP_OR_ENTITY.test(text) ? cleanOptionalLine(text) : text;
}

/**
 * The employer's name is not a skill ("Cortex IA", "Oracle", "Shell"): it is blanked out
 * of the texts the skill matcher reads.
 */
function withoutCompany(title: string, description: string, folded: FoldedText, company: string | null): SkillText[] {
  if (company === null || company.length < 2)
    return [
      { text: title, folded: folded.title },
      { text: description, folded: folded.description },
    ];
  const words = companyWords(company);
  const blank = (text: string, foldedText: string) => ({
    text: words.blank(text),
    folded: words.blankFolded(foldedText),
  });
  return [blank(title, folded.title), blank(description, folded.description)];
}

/**
 * Each employer's name prepared once (company-words.ts): employers repeat across postings.
 * Whole words only: a company called "Data" must not turn "Databricks" into "bricks".
 */
const companyWordsCache = new Map<string, CompanyWords>();

function companyWords(company: string): CompanyWords {
  let words = companyWordsCache.get(company);
  if (words === undefined) {
    words = new CompanyWords(company, fold(company));
    if (companyWordsCache.size >= 10_000) companyWordsCache.clear(); // bounded memory
    companyWordsCache.set(company, words);
  }
  return words;
}

/** Reads `obj.a.b.c` from unknown JSON without throwing. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The result for a payload that is unreadable as a whole: no postings, one reject. */
export function rejectPayload(
  reason: string,
  body: string,
): { postings: Posting[]; rejects: [{ reason: string; index: null; record: string }] } {
  return { postings: [], rejects: [{ reason, index: null, record: payloadPrefix(body) }] };
}

/**
 * `table[key]` for an untrusted key: only own entries count ("constructor" is not a
 * contract type) and non-strings never reach `String()`, which throws on `{"toString":0}`.
 */
export function lookup<T>(
  table: Readonly<Record<string, T>>,
  key: unknown,
  normalize: (s: string) => string = (s) => s,
): T | null {
  if (typeof key !== 'string') return null;
  const k = normalize(key);
  return Object.hasOwn(table, k) ? (table[k] ?? null) : null;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The first characters of a payload, kept in the quarantine when the whole payload is bad. */
export function payloadPrefix(body: string, max = 2_000): string {
  return body.length <= max ? body : `${body.slice(0, max)}…`;
}
