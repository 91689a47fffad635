/**
 * How well `jobbench transform` reads real payloads, against hand-made expectations.
 *
 *   npx tsx scripts/measure-real-payloads.ts <payload-dir> <expected.json>
 *   e.g. npx tsx scripts/measure-real-payloads.ts ../shared/data/real-payloads docs/transform-real-payloads.expected.json
 *
 * Runs this checkout's `bin/jobbench.js transform --source <adzuna|francetravail|jsonld>`
 * once per file named in the expectations (the CLI, not the parse functions, so the same
 * script measures any version of the transform), matches each posting to its expected
 * record (by the source's id; a JSON-LD page holds one JobPosting) and prints, as Markdown:
 * per field, the consistent records read correctly and their share; JSON-LD skill recall
 * and precision; every miss; and the fields the records contradict themselves on, with
 * what the transform did there. The expectations file's `about` says how they were made.
 * Nothing in the test suite needs this script or the real payloads.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const JOBBENCH = path.join(ROOT, 'bin', 'jobbench.js');
// It runs this checkout's sources, never a dist/ build that may predate them (bin/jobbench.js).
process.env.JOBBENCH_FROM_SOURCE ??= '1';

/** A field the expectations score. */
type Field = 'salary' | 'departement' | 'region' | 'contract' | 'seniority';
const FIELDS: readonly Field[] = ['salary', 'departement', 'region', 'contract', 'seniority'];

/** Annual gross EUR as read by hand; `single` accepts max = min or a null max. */
export interface ExpectedSalary {
  min: number;
  max: number;
  single?: boolean;
}

/** One real record as a careful reader would record it (docs/transform-real-payloads.expected.json). */
export interface ExpectedRecord {
  file: string;
  /** The source's own id; null for a JSON-LD page (one JobPosting per page). */
  id: string | null;
  title: string;
  salary: ExpectedSalary | null;
  departement: string | null;
  region: string | null;
  contract: string | null;
  seniority: string | null;
  /** Fields the record contradicts itself on → reason (left out of the consistent counts). */
  inconsistent?: Partial<Record<Field, string>>;
  /** Fields the record does not state precisely enough for one reading → reason. */
  ambiguous?: Partial<Record<Field, string>>;
  /** The contract is stated on the page but not in the JobPosting. */
  contractOutsideJobPosting?: boolean;
  /** Canonical taxonomy skills (JSON-LD pages only). */
  skills?: string[];
  note?: string;
}

interface ExpectedFile {
  about: string[];
  salaryTolerance: number;
  records: ExpectedRecord[];
}

/** The few posting fields compared; everything else is ignored. */
export interface PostingView {
  sourceId?: string;
  title?: string;
  salary?: { minEurYear: number | null; maxEurYear: number | null } | null;
  location?: { departement: string | null; region: string | null } | null;
  contractType?: string | null;
  seniority?: string | null;
  skills?: string[];
  [key: string]: unknown;
}

function near(got: number | null | undefined, want: number, tolerance: number): boolean {
  return typeof got === 'number' && Math.abs(got - want) <= tolerance * Math.abs(want);
}

/** Whether the posting's value for `field` is what the record says (a missing posting never is). */
export function fieldMatches(
  field: Field,
  expected: ExpectedRecord,
  posting: PostingView | null,
  tolerance: number,
): boolean {
  if (!posting) return false;
  switch (field) {
    case 'salary': {
      const min = posting.salary?.minEurYear ?? null;
      const max = posting.salary?.maxEurYear ?? null;
      const want = expected.salary;
      if (want === null) return min === null && max === null;
      if (!near(min, want.min, tolerance)) return false;
      return want.single ? max === null || near(max, want.min, tolerance) : near(max, want.max, tolerance);
    }
    case 'departement':
      return (posting.location?.departement ?? null) === expected.departement;
    case 'region':
      return (posting.location?.region ?? null) === expected.region;
    case 'contract':
      return (posting.contractType ?? null) === expected.contract;
    case 'seniority':
      return (posting.seniority ?? null) === expected.seniority;
  }
}

/** Skills found / expected / produced, for recall and precision. */
export function skillCounts(
  expected: readonly string[],
  got: readonly string[],
): { hit: number; expected: number; got: number; missing: string[]; extra: string[] } {
  const want = new Set(expected);
  const have = new Set(got);
  const missing = [...want].filter((s) => !have.has(s));
  const extra = [...have].filter((s) => !want.has(s));
  return { hit: want.size - missing.length, expected: want.size, got: have.size, missing, extra };
}

function shown(field: Field, value: PostingView | ExpectedRecord | null, side: 'got' | 'want'): string {
  if (value === null) return 'no posting';
  if (side === 'want') {
    const r = value as ExpectedRecord;
    if (field === 'salary')
      return r.salary ? `${r.salary.min}–${r.salary.single ? `${r.salary.min} (single)` : r.salary.max}` : 'null';
    return String(r[field]);
  }
  const p = value as PostingView;
  switch (field) {
    case 'salary':
      return p.salary && (p.salary.minEurYear !== null || p.salary.maxEurYear !== null)
        ? `${p.salary.minEurYear}–${p.salary.maxEurYear}`
        : 'null';
    case 'departement':
      return String(p.location?.departement ?? null);
    case 'region':
      return String(p.location?.region ?? null);
    case 'contract':
      return String(p.contractType ?? null);
    case 'seniority':
      return String(p.seniority ?? null);
  }
}

/** Posting fields that report a conflict between sources of a value (`flags`, or any key naming a conflict). */
function conflictNote(posting: PostingView | null): string {
  if (!posting) return '';
  const found: string[] = [];
  const visit = (value: unknown, at: string) => {
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (
        /conflict|^flags$/i.test(key) &&
        inner !== null &&
        inner !== undefined &&
        !(Array.isArray(inner) && inner.length === 0)
      )
        found.push(`${at}${key}=${JSON.stringify(inner)}`);
      else if (key !== 'description' && key !== 'duplicates') visit(inner, `${at}${key}.`);
    }
  };
  visit(posting, '');
  return found.length ? `; posting ${found.join(', ')}` : '; no flags on the posting';
}

function runTransform(
  payloadDir: string,
  file: string,
): { postings: PostingView[]; stderr: string[]; status: number | null; recordsIn: number } {
  const kind = file.split('/')[0]!;
  const full = path.join(payloadDir, file);
  const result = spawnSync(process.execPath, [JOBBENCH, 'transform', '--source', kind, full], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const postings = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as PostingView);
  let recordsIn = 1;
  if (kind !== 'jsonld') {
    const body = JSON.parse(readFileSync(full, 'utf8')) as { results?: unknown[]; resultats?: unknown[] };
    recordsIn = (body.results ?? body.resultats ?? []).length;
  }
  return { postings, stderr: result.stderr.split('\n').filter((l) => l.trim()), status: result.status, recordsIn };
}

function label(record: ExpectedRecord): string {
  return `${record.file}${record.id ? `#${record.id}` : ''}`;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
}

function main(): void {
  const [payloadDir, expectedPath] = process.argv.slice(2);
  if (!payloadDir || !expectedPath) {
    process.stderr.write('usage: tsx scripts/measure-real-payloads.ts <payload-dir> <expected.json>\n');
    process.exit(2);
  }
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedFile;
  const tolerance = expected.salaryTolerance;
  const files = [...new Set(expected.records.map((r) => r.file))];
  const matched = new Map<ExpectedRecord, PostingView | null>();
  const out: string[] = [];
  let recordsIn = 0;
  let postingsOut = 0;
  out.push(
    `Transform of ${ROOT} (${gitHead()}) on ${files.length} files, ${expected.records.length} expected records.`,
    '',
  );
  out.push('| file | records | postings | exit | stderr lines |', '|---|---:|---:|---:|---:|');
  for (const file of files) {
    const run = runTransform(path.resolve(payloadDir), file);
    recordsIn += run.recordsIn;
    postingsOut += run.postings.length;
    out.push(`| ${file} | ${run.recordsIn} | ${run.postings.length} | ${run.status} | ${run.stderr.length} |`);
    const mine = expected.records.filter((r) => r.file === file);
    for (const record of mine) {
      const posting =
        record.id === null
          ? mine.length === 1 && run.postings.length === 1
            ? run.postings[0]!
            : null
          : (run.postings.find((p) => p.sourceId === record.id || p.sourceId?.endsWith(`:${record.id}`)) ?? null);
      matched.set(record, posting);
    }
  }
  out.push(`| **all** | ${recordsIn} | ${postingsOut} | | |`, '');

  const excluded = (r: ExpectedRecord, f: Field) => Boolean(r.inconsistent?.[f] ?? r.ambiguous?.[f]);
  out.push(
    '| field | consistent records | read correctly | share | all records vs the reading |',
    '|---|---:|---:|---:|---:|',
  );
  const misses: string[] = [];
  for (const field of FIELDS) {
    const scored = expected.records.filter((r) => !excluded(r, field));
    const right = scored.filter((r) => fieldMatches(field, r, matched.get(r) ?? null, tolerance));
    const allRight = expected.records.filter((r) => fieldMatches(field, r, matched.get(r) ?? null, tolerance));
    out.push(
      `| ${field} | ${scored.length} | ${right.length} | ${pct(right.length, scored.length)} | ${allRight.length}/${expected.records.length} |`,
    );
    for (const r of scored) {
      if (right.includes(r)) continue;
      const posting = matched.get(r) ?? null;
      const why =
        field === 'contract' && r.contractOutsideJobPosting ? ' (contract stated outside the JobPosting)' : '';
      misses.push(
        `- ${field}: ${label(r)} — expected ${shown(field, r, 'want')}, got ${shown(field, posting, 'got')}${why}`,
      );
    }
  }

  const pages = expected.records.filter((r) => r.skills);
  let hit = 0,
    want = 0,
    got = 0;
  const skillLines: string[] = [];
  for (const r of pages) {
    const posting = matched.get(r) ?? null;
    const c = skillCounts(r.skills!, posting?.skills ?? []);
    hit += c.hit;
    want += c.expected;
    got += c.got;
    skillLines.push(
      `- ${label(r)}: ${posting ? `${c.hit}/${c.expected} found` : 'no posting'}${c.missing.length ? `; missing ${c.missing.join(', ')}` : ''}${c.extra.length ? `; extra ${c.extra.join(', ')}` : ''}`,
    );
  }
  out.push(
    '',
    `JSON-LD skills (${pages.length} pages): recall ${hit}/${want} = ${pct(hit, want)}, precision ${hit}/${got} = ${pct(hit, got)}`,
    ...skillLines,
  );

  out.push('', `Misses on consistent records (${misses.length}):`, ...(misses.length ? misses : ['- none']));
  out.push('', 'Fields left out (inconsistent or ambiguous record): the reading, what the transform gave');
  for (const r of expected.records) {
    for (const [kind, reasons] of [
      ['inconsistent', r.inconsistent],
      ['ambiguous', r.ambiguous],
    ] as const) {
      for (const [field, reason] of Object.entries(reasons ?? {}) as [Field, string][]) {
        const posting = matched.get(r) ?? null;
        const ok = fieldMatches(field, r, posting, tolerance) ? 'same as the reading' : 'differs';
        out.push(
          `- ${kind} ${field}: ${label(r)} — reading ${shown(field, r, 'want')}, got ${shown(field, posting, 'got')} (${ok})${conflictNote(posting)}. ${reason}`,
        );
      }
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function gitHead(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  return `${head.stdout.trim() || 'unknown commit'}${dirty.stdout.trim() ? ', with uncommitted changes' : ''}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
