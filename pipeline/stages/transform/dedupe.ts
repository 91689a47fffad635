/**
 * Cross-source dedupe: the same job published on two sources (an employer's ad on
 * France Travail and relayed by Adzuna) is one posting. Two postings are the same job when
 * their normalized title, normalized company and city (else département) are equal, they
 * come from different origins, and their postedAt are within a window (7 days by
 * default). The richest copy is kept and lists the others in `duplicates`.
 */
import type { Posting } from '../../../providers/core/index.ts';
import { fold } from '../../model/fold.ts';

export interface DedupeOptions {
  /** Largest gap between the postedAt of two copies, in days (default 7). */
  windowDays?: number;
}

export interface DedupeResult {
  /** Postings kept, in input order. */
  kept: Posting[];
  /** Postings folded into another one (identical ids, or cross-source copies). */
  merged: number;
}

const DAY_MS = 86_400_000;

/** "(H/F)", "F/H", "H/F/X", "M/F", "(F/H/NB)" gender markers that French ads append. */
const GENDER =
  /\(?\b(?:h ?\/ ?f|f ?\/ ?h|m ?\/ ?f|f ?\/ ?m|m ?\/ ?w|h ?\/ ?f ?\/ ?x|f ?\/ ?h ?\/ ?x|h ?\/ ?f ?\/ ?d|hf|fh)(?: ?\/ ?(?:x|nb|d))?\b\)?/g;
const LEGAL_FORMS = /\b(?:sas|sasu|sa|sarl|eurl|sca|snc|gmbh|ltd|inc|llc|plc|group|groupe|france)\b/g;

export function normalizeTitle(title: string): string {
  return fold(title)
    .replace(GENDER, ' ')
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

export function normalizeCompany(company: string): string {
  return fold(company)
    .replace(/[^a-z0-9&]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Where a copy was published: the source, refined by the namespace of its id when the id
 * has one ("host:identifier" for JSON-LD pages, "format:…" for the sample generator), so
 * two job boards read through the same parser still count as two origins.
 */
export function originOf(posting: Posting): string {
  const id = posting.sourceId;
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(id);
  if (url) return `${posting.source}/${url[1]!.toLowerCase()}`;
  const colon = id.indexOf(':');
  return colon > 0 ? `${posting.source}/${id.slice(0, colon)}` : posting.source;
}

export function dedupeKey(p: Posting): string | null {
  if (!p.company) return null; // without a company, equal titles in one city are often different jobs
  const place = p.location.city ?? p.location.departement;
  if (!place) return null;
  const title = remembered(titleKeys, p.title, normalizeTitle);
  const company = remembered(companyKeys, p.company, normalizeCompany);
  if (!title || !company) return null;
  return `${title}\u0000${company}\u0000${remembered(placeKeys, place, fold)}`;
}

/**
 * Titles, employers and places repeat across a run's postings: each is normalized once
 * (bounded maps, emptied when full).
 */
const titleKeys = new Map<string, string>();
const companyKeys = new Map<string, string>();
const placeKeys = new Map<string, string>();

function remembered(cache: Map<string, string>, text: string, normalize: (text: string) => string): string {
  let key = cache.get(text);
  if (key === undefined) {
    key = normalize(text);
    if (cache.size >= 10_000) cache.clear();
    cache.set(text, key);
  }
  return key;
}

/**
 * `dedupeKey`, remembered per posting object: the chunk's dedupe and its key digests
 * (cross-chunk-keys.ts) both need it, and it folds and rewrites three texts.
 */
const keyOfPosting = new WeakMap<Posting, string | null>();

export function dedupeKeyOf(p: Posting): string | null {
  let key = keyOfPosting.get(p);
  if (key === undefined) {
    key = dedupeKey(p);
    keyOfPosting.set(p, key);
  }
  return key;
}

/** Higher is richer: salary known, then longer description, then more fields filled. */
function richness(p: Posting): [number, number, number] {
  const salary = p.salary.minEurYear !== null || p.salary.maxEurYear !== null ? 1 : 0;
  const filled =
    [p.company, p.location.departement, p.contractType, p.workingTime, p.remote, p.seniority, p.postedAt, p.url].filter(
      (v) => v !== null,
    ).length + p.skills.length;
  return [salary, p.description.length, filled];
}

/** Negative when `a` should be kept over `b`; total and deterministic (ends on source, sourceId). */
function preferOrder(a: Posting, b: Posting): number {
  const ra = richness(a);
  const rb = richness(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;
}

const time = (p: Posting) => (p.postedAt === null ? null : Date.parse(p.postedAt));

export function dedupePostings(postings: readonly Posting[], options: DedupeOptions = {}): DedupeResult {
  const windowMs = (options.windowDays ?? 7) * DAY_MS;
  // 1. Identical ids (the same record collected twice): keep the richest.
  const byId = new Map<string, number>();
  const winnerOfId: Posting[] = [];
  let merged = 0;
  for (const p of postings) {
    const at = byId.get(p.id);
    if (at === undefined) {
      byId.set(p.id, winnerOfId.length);
      winnerOfId.push(p);
    } else {
      merged++;
      if (preferOrder(p, winnerOfId[at]!) < 0) winnerOfId[at] = p;
    }
  }
  // 2. Group by content key; inside a group, cluster copies by time, one per origin.
  const groups = new Map<string, number[]>();
  winnerOfId.forEach((p, i) => {
    const key = dedupeKeyOf(p);
    if (key === null) return;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const dropped = new Set<number>();
  const extra = new Map<number, Posting[]>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    // Undated copies sort first and match any date: the key alone then decides.
    const sorted = [...members].sort(
      (a, b) =>
        (time(winnerOfId[a]!) ?? -Infinity) - (time(winnerOfId[b]!) ?? -Infinity) ||
        (winnerOfId[a]!.id < winnerOfId[b]!.id ? -1 : 1),
    );
    const clusters: { anchor: number | null; origins: Set<string>; members: number[] }[] = [];
    for (const index of sorted) {
      const p = winnerOfId[index]!;
      const t = time(p);
      const origin = originOf(p);
      const cluster = clusters.find(
        (c) => !c.origins.has(origin) && (t === null || c.anchor === null || Math.abs(t - c.anchor) <= windowMs),
      );
      if (cluster) {
        cluster.members.push(index);
        cluster.origins.add(origin);
        cluster.anchor ??= t;
      } else {
        clusters.push({ anchor: t, origins: new Set([origin]), members: [index] });
      }
    }
    for (const cluster of clusters) {
      if (cluster.members.length < 2) continue;
      const ordered = [...cluster.members].sort((a, b) => preferOrder(winnerOfId[a]!, winnerOfId[b]!));
      const [keep, ...rest] = ordered;
      extra.set(
        keep!,
        rest.map((i) => winnerOfId[i]!),
      );
      for (const i of rest) dropped.add(i);
      merged += rest.length;
    }
  }
  const kept: Posting[] = [];
  winnerOfId.forEach((p, i) => {
    if (dropped.has(i)) return;
    const copies = extra.get(i);
    if (!copies) {
      kept.push(p);
      return;
    }
    const duplicates = [...(p.duplicates ?? [])];
    for (const c of copies)
      duplicates.push({ source: c.source, sourceId: c.sourceId, url: c.url }, ...(c.duplicates ?? []));
    duplicates.sort((a, b) => (a.source + a.sourceId < b.source + b.sourceId ? -1 : 1));
    kept.push({ ...p, duplicates });
  });
  return { kept, merged };
}
