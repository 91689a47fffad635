/**
 * Data quality checks, computable on clean postings and on "before cleaning" records
 * (`rawQualityReport`, raw-view.ts): completeness, validity, uniqueness and freshness, as a
 * plain JSON object with a stable shape so two stages or two runs compare key by key.
 */
import {
  CONTRACT_TYPES,
  REMOTE_MODES,
  SENIORITIES,
  WORKING_TIMES,
  postingSchema,
} from '../../../providers/core/index.ts';
import { geography } from '../../model/geography.ts';
import { SKILLS } from '../../model/skills-taxonomy.ts';
import type { PayloadFormat } from '../../sources/source.ts';
import { pick } from '../transform/clean/build-posting.ts';
import { normalizeCompany, normalizeTitle } from '../transform/dedupe.ts';
import { rawRecords } from '../transform/parsers/raw-view.ts';
import { checkPostingUrl } from '../transform/clean/safe-url.ts';
import { REPLACEMENT_CHARACTER, firstUnstorablePath } from '../transform/clean/unsafe-characters.ts';
import { MAX_PLAUSIBLE_EUR_YEAR, MIN_PLAUSIBLE_EUR_YEAR } from '../transform/clean/salary.ts';

export const COMPLETENESS_FIELDS = [
  'company',
  'description',
  'departement',
  'region',
  'salary',
  'contractType',
  'workingTime',
  'remote',
  'seniority',
  'skills',
  'postedAt',
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

/** Postings older than this many days count as stale. */
export const STALE_AFTER_DAYS = 60;

export interface QualityReport {
  schemaVersion: 1;
  /** "raw": records as the sources wrote them; "clean": canonical postings. */
  stage: 'raw' | 'clean';
  /** The reference time of the freshness figures (ISO 8601). */
  now: string;
  total: number;
  /** Share (0–1, 4 decimals) of records where the field is known; null when there are no records. */
  completeness: Record<CompletenessField, number | null>;
  validity: {
    /** Share of records that are valid canonical postings (`postingSchema`). */
    schemaValid: number | null;
    /** Records whose salary minimum exceeds its maximum. */
    salaryMinAboveMax: number;
    /** Records with an annual salary figure outside [1 000, 1 000 000] EUR. */
    salaryOutOfBounds: number;
    /** Records whose value is not in the canonical enumeration, per field. */
    invalidEnum: { contractType: number; workingTime: number; remote: number; seniority: number };
    /** Département that is not an INSEE code. */
    invalidDepartement: number;
    /** Région that is not an official INSEE name. */
    invalidRegion: number;
    /** Title or description still holding HTML tags or entities. */
    htmlInText: number;
    /** Records listing a skill outside the taxonomy. */
    unknownSkills: number;
    /** postedAt present but not an ISO 8601 date-time. */
    invalidPostedAt: number;
    /** Records with U+FFFD in a string: text that was not valid UTF-8 when decoded. */
    replacementCharacters: number;
    /** Records with a NUL, another C0 control (but tab and line feed) or a lone surrogate in a string: what a warehouse cannot store. */
    unstorableCharacters: number;
    /** Records whose url is set but is not an absolute http(s) URL (`javascript:`, `data:`…). */
    unsafeUrl: number;
  };
  decoding: {
    /**
     * U+FFFD characters produced decoding the stage's input bytes (invalid UTF-8), when
     * the caller measured it (the raw pages, `decodeUtf8`); null when not measured.
     */
    invalidUtf8: number | null;
  };
  uniqueness: {
    /** Records whose id was already seen (extra copies). */
    duplicateIds: number;
    /** Records with the same normalized title, company and place as an earlier one. */
    duplicateContent: number;
    /** Cross-source copies folded into kept postings (`duplicates` entries). */
    listedDuplicates: number;
  };
  freshness: {
    /** Age of postedAt in days relative to `now`; null when no record is dated. */
    medianAgeDays: number | null;
    maxAgeDays: number | null;
    /** Share of dated records older than 60 days. */
    shareOlderThan60Days: number | null;
    /** Records dated after `now`. */
    futureDated: number;
  };
}

export interface QualityOptions {
  /** Injected clock for freshness (default: the current time). */
  now?: Date;
  stage?: 'raw' | 'clean';
  /** Replacement characters produced decoding the records' bytes, when measured (`decodeUtf8`). */
  invalidUtf8?: number;
}

const ENUMS = {
  contractType: new Set<string>(CONTRACT_TYPES),
  workingTime: new Set<string>(WORKING_TIMES),
  remote: new Set<string>(REMOTE_MODES),
  seniority: new Set<string>(SENIORITIES),
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const HTML = /<\/?[a-zA-Z][^<>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/;
const DAY_MS = 86_400_000;

const known = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
const share = (n: number, total: number) => (total === 0 ? null : Math.round((n / total) * 10_000) / 10_000);
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** Quality of canonical postings, or of any posting-shaped records (raw stage). */
export function qualityReport(records: readonly unknown[], options: QualityOptions = {}): QualityReport {
  const tally = new QualityTally(options);
  for (const r of records) tally.add(r);
  return tally.report();
}

/**
 * The checks of `qualityReport`, one record at a time: a stage that samples thousands of
 * postings adds each chunk's as it reads them instead of keeping them all for one call
 * (what is kept across records is what the figures need: ids and content keys seen, ages).
 * The figures do not depend on the order of the records.
 */
export class QualityTally {
  private readonly now: Date;
  private readonly geo = geography();
  private readonly regionNames = new Set(this.geo.regionName.values());
  private readonly skillNames = new Set(SKILLS.map((s) => s.name));
  private readonly counts = Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, 0])) as Record<
    CompletenessField,
    number
  >;
  private readonly v = {
    schemaValid: 0,
    salaryMinAboveMax: 0,
    salaryOutOfBounds: 0,
    invalidDepartement: 0,
    invalidRegion: 0,
    htmlInText: 0,
    unknownSkills: 0,
    invalidPostedAt: 0,
    replacementCharacters: 0,
    unstorableCharacters: 0,
    unsafeUrl: 0,
    invalidEnum: { contractType: 0, workingTime: 0, remote: 0, seniority: 0 },
  };
  private readonly ids = new Set<string>();
  private readonly contents = new Set<string>();
  private duplicateIds = 0;
  private duplicateContent = 0;
  private listedDuplicates = 0;
  private readonly ages: number[] = [];
  private futureDated = 0;
  private total = 0;
  /** U+FFFD counted decoding the payloads added (addPayload), when any was measured. */
  private invalidUtf8: number | undefined;

  constructor(private readonly options: QualityOptions = {}) {
    this.now = options.now ?? new Date();
  }

  /**
   * Adds one record. `json`, when given, is the record's JSON text as bytes (a clean
   * chunk's line): when it shows that no string can hold U+FFFD or an unstorable character
   * (plainText), the walks over every string of the record are skipped.
   */
  add(r: unknown, json?: Buffer): void {
    const { counts, v, geo, now } = this;
    this.total++;
    const min = pick(r, 'salary', 'minEurYear');
    const max = pick(r, 'salary', 'maxEurYear');
    const values: Record<CompletenessField, unknown> = {
      company: pick(r, 'company'),
      description: pick(r, 'description'),
      departement: pick(r, 'location', 'departement'),
      region: pick(r, 'location', 'region'),
      salary: known(min) || known(max) ? 1 : null,
      contractType: pick(r, 'contractType'),
      workingTime: pick(r, 'workingTime'),
      remote: pick(r, 'remote'),
      seniority: pick(r, 'seniority'),
      skills: pick(r, 'skills'),
      postedAt: pick(r, 'postedAt'),
    };
    for (const f of COMPLETENESS_FIELDS) if (known(values[f])) counts[f]++;

    if (postingSchema.safeParse(r).success) v.schemaValid++;
    if (typeof min === 'number' && typeof max === 'number' && min > max) v.salaryMinAboveMax++;
    if ([min, max].some((s) => typeof s === 'number' && (s < MIN_PLAUSIBLE_EUR_YEAR || s > MAX_PLAUSIBLE_EUR_YEAR)))
      v.salaryOutOfBounds++;
    for (const field of ['contractType', 'workingTime', 'remote', 'seniority'] as const) {
      const value = values[field];
      if (known(value) && !(typeof value === 'string' && ENUMS[field].has(value))) v.invalidEnum[field]++;
    }
    if (
      known(values.departement) &&
      !(typeof values.departement === 'string' && geo.departementByCode.has(values.departement))
    )
      v.invalidDepartement++;
    if (known(values.region) && !(typeof values.region === 'string' && this.regionNames.has(values.region)))
      v.invalidRegion++;
    if (HTML.test(text(pick(r, 'title')) ?? '') || HTML.test(text(values.description) ?? '')) v.htmlInText++;
    const plain = json !== undefined && plainText(json);
    if (!plain && someString(r, (s) => s.includes(REPLACEMENT_CHARACTER))) v.replacementCharacters++;
    if (!plain && firstUnstorablePath(r) !== null) v.unstorableCharacters++;
    const url = pick(r, 'url');
    if (known(url) && checkPostingUrl(url).url === null) v.unsafeUrl++;
    const skills = values.skills;
    if (Array.isArray(skills) && skills.some((s) => typeof s !== 'string' || !this.skillNames.has(s)))
      v.unknownSkills++;

    const id = text(pick(r, 'id'));
    if (id !== null) {
      if (this.ids.has(id)) this.duplicateIds++;
      else this.ids.add(id);
    }
    const title = text(pick(r, 'title'));
    const company = text(values.company);
    const place = text(pick(r, 'location', 'city')) ?? text(values.departement) ?? text(pick(r, 'location', 'raw'));
    if (title && company && place) {
      const key = `${normalizeTitle(title)}\u0000${normalizeCompany(company)}\u0000${place.toLowerCase()}`;
      if (this.contents.has(key)) this.duplicateContent++;
      else this.contents.add(key);
    }
    const dups = pick(r, 'duplicates');
    if (Array.isArray(dups)) this.listedDuplicates += dups.length;

    const posted = values.postedAt;
    if (known(posted)) {
      const t = typeof posted === 'string' && ISO.test(posted) ? Date.parse(posted) : NaN;
      if (!Number.isFinite(t)) v.invalidPostedAt++;
      else if (t > now.getTime()) this.futureDated++;
      else this.ages.push((now.getTime() - t) / DAY_MS);
    }
  }

  /** The records of a payload before cleaning, read as the source wrote them (rawQualityReport). */
  addPayload(payload: RawQualityPayload): void {
    for (const record of rawRecords(payload.format, payload.body)) this.add(record);
    if (payload.invalidUtf8 !== undefined) this.invalidUtf8 = (this.invalidUtf8 ?? 0) + payload.invalidUtf8;
  }

  report(): QualityReport {
    const { counts, v, total, now, options } = this;
    const ages = [...this.ages].sort((a, b) => a - b);
    const round1 = (n: number) => Math.round(n * 10) / 10;
    const median =
      ages.length === 0
        ? null
        : ages.length % 2
          ? ages[(ages.length - 1) / 2]!
          : (ages[ages.length / 2 - 1]! + ages[ages.length / 2]!) / 2;
    return {
      schemaVersion: 1,
      stage: options.stage ?? 'clean',
      now: now.toISOString(),
      total,
      completeness: Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, share(counts[f], total)])) as Record<
        CompletenessField,
        number | null
      >,
      validity: { ...v, schemaValid: share(v.schemaValid, total) },
      decoding: { invalidUtf8: this.invalidUtf8 ?? options.invalidUtf8 ?? null },
      uniqueness: {
        duplicateIds: this.duplicateIds,
        duplicateContent: this.duplicateContent,
        listedDuplicates: this.listedDuplicates,
      },
      freshness: {
        medianAgeDays: median === null ? null : round1(median),
        maxAgeDays: ages.length ? round1(ages[ages.length - 1]!) : null,
        shareOlderThan60Days: share(ages.filter((a) => a > STALE_AFTER_DAYS).length, ages.length),
        futureDated: this.futureDated,
      },
    };
  }
}

/**
 * Quality of the payloads before cleaning: each record is read field for field as the
 * source wrote it (raw-view.ts), without any of the transform's normalization, then
 * measured with the same checks. Comparing it with `qualityReport` on the clean postings
 * shows what each ETL step buys.
 */
export function rawQualityReport(payloads: readonly RawQualityPayload[], options: QualityOptions = {}): QualityReport {
  const tally = new QualityTally({ ...options, stage: 'raw' });
  for (const payload of payloads) tally.addPayload(payload);
  return tally.report();
}

export interface RawQualityPayload {
  format: PayloadFormat;
  /** The payload as decoded. */
  body: string;
  /** Replacement characters its decoding produced (`decodeUtf8`), when known. */
  invalidUtf8?: number;
}

const FFFD_UTF8 = Buffer.from(REPLACEMENT_CHARACTER);
const BACKSLASH = 0x5c;
const DEL = 0x7f;

/**
 * True when JSON text, as UTF-8 bytes, cannot decode to a string holding U+FFFD, a C0
 * control other than tab and line feed, DEL or a lone surrogate: it holds no U+FFFD and
 * no DEL as bytes, and no escape but `\"`, `\\`, `\/`, `\t` and `\n`. JSON forbids raw
 * controls inside strings, UTF-8 cannot encode a lone surrogate (a decoder gives U+FFFD
 * for one), so the only other way to any of them is an escape (`\u…`, `\b`, `\f`, `\r`).
 * Conservative: text that fails this is simply walked.
 */
export function plainText(json: Buffer): boolean {
  if (json.includes(DEL) || json.includes(FFFD_UTF8)) return false;
  for (let at = json.indexOf(BACKSLASH); at >= 0; at = json.indexOf(BACKSLASH, at + 2)) {
    const escaped = json[at + 1];
    // `"`, `\`, `/`, `t`, `n`: each escape is two bytes, so the next search starts past it.
    if (escaped !== 0x22 && escaped !== BACKSLASH && escaped !== 0x2f && escaped !== 0x74 && escaped !== 0x6e)
      return false;
  }
  return true;
}

/** True when some string inside the value passes the test. */
function someString(value: unknown, test: (s: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some((item) => someString(item, test));
}
