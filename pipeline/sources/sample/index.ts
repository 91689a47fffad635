/**
 * The `sample` source: a deterministic generator of French data-job postings in the
 * shapes of the three real sources — Adzuna JSON pages (50 results), France Travail JSON
 * pages (up to 150) and HTML pages with JSON-LD JobPosting (1 to 3 per page), about
 * 40/40/20 %. Same seed, scale and clock → byte-identical pages. Pages are generated one
 * at a time from per-record seeds, so memory stays flat and a resumed run starts right
 * after its cursor without replaying earlier pages.
 */
import { ConfigurationError } from '../../errors.ts';
import { emptyStats, type RawPage, type Source, type SourceContext, type SourceStats } from '../source.ts';
import { requiredVariables } from '../source-settings.ts';
import { SAMPLE_SETTINGS } from './settings.ts';
import { ADZUNA_MEAN } from './calibration.ts';
import { makeJob, type JobSpec } from './job-spec.ts';
import { Random, seedOf } from './prng.ts';
import { adzunaRecord } from './render-adzuna.ts';
import { franceTravailRecord } from './render-france-travail.ts';
import { jobPostingNode, jsonLdPage } from './render-jsonld.ts';

export interface SampleSourceOptions {
  /** Number of postings to generate (records, including the deliberately malformed ones). */
  scale: number;
  /** Seed of the generator; same seed and scale give the same pages. */
  seed: number;
  /**
   * Clock anchoring postedAt (the 60 days before midnight UTC of `now()`) and fetchedAt.
   * Defaults to the context's clock, then to the current time.
   */
  now?: () => Date;
}

export const ADZUNA_PAGE_SIZE = 50;
export const FRANCE_TRAVAIL_PAGE_SIZE = 150;
/** Postings per JSON-LD page, repeating: single ads and small listings. */
const JSONLD_PATTERN = [1, 1, 2, 1, 3] as const;
const JSONLD_PERIOD = JSONLD_PATTERN.reduce((a, b) => a + b, 0);
/** Share of records that repeat an Adzuna ad on another source (for the cross-source dedupe). */
export const CROSS_POSTED_SHARE = 0.03;
/** Share of JSON-LD pages carrying a truncated JobPosting block next to the good ones. */
export const BROKEN_BLOCK_SHARE = 0.01;
const DAY_MS = 86_400_000;

const STREAM = { adzuna: 1, francetravail: 2, jsonld: 3, page: 4 } as const;

interface Layout {
  adzuna: number;
  francetravail: number;
  jsonld: number;
  adzunaPages: number;
  francetravailPages: number;
  jsonldPages: number;
}

export function sampleLayout(scale: number): Layout {
  const adzuna = Math.round(scale * 0.4);
  const francetravail = Math.round(scale * 0.4);
  const jsonld = scale - adzuna - francetravail;
  let jsonldPages = Math.floor(jsonld / JSONLD_PERIOD) * JSONLD_PATTERN.length;
  for (let left = jsonld % JSONLD_PERIOD, k = 0; left > 0; k++) {
    left -= JSONLD_PATTERN[k]!;
    jsonldPages++;
  }
  return {
    adzuna,
    francetravail,
    jsonld,
    adzunaPages: Math.ceil(adzuna / ADZUNA_PAGE_SIZE),
    francetravailPages: Math.ceil(francetravail / FRANCE_TRAVAIL_PAGE_SIZE),
    jsonldPages,
  };
}

/** First record of JSON-LD page k. */
function jsonldOffset(k: number): number {
  let offset = Math.floor(k / JSONLD_PATTERN.length) * JSONLD_PERIOD;
  for (let i = 0; i < k % JSONLD_PATTERN.length; i++) offset += JSONLD_PATTERN[i]!;
  return offset;
}

export function createSampleSource(options: SampleSourceOptions): Source {
  if (!Number.isInteger(options.scale) || options.scale < 0)
    throw new ConfigurationError(`sample scale must be a non-negative integer, got ${options.scale}`);
  if (!Number.isInteger(options.seed))
    throw new ConfigurationError(`sample seed must be an integer, got ${options.seed}`);
  const seed = options.seed >>> 0;
  const stats: SourceStats = emptyStats();
  const layout = sampleLayout(options.scale);

  const job = (stream: 'adzuna' | 'francetravail' | 'jsonld', index: number, anchorMs: number): [JobSpec, Random] => {
    const rng = new Random(seedOf(seed, STREAM[stream], index));
    // A few ads also appear on Adzuna: same job, posted up to 3 days apart.
    if (stream !== 'adzuna' && index < layout.adzuna && rng.chance(CROSS_POSTED_SHARE)) {
      const [original] = job('adzuna', index, anchorMs);
      const company = rng.chance(0.3) ? `${original.company} SAS` : original.company;
      return [{ ...original, company, postedAtMs: original.postedAtMs - rng.int(0, 3) * DAY_MS }, rng];
    }
    return [makeJob(rng, { anchorMs, noInternships: stream === 'francetravail' }), rng];
  };
  const adzunaId = (i: number) => `${seed}${String(i).padStart(8, '0')}`;
  const ftId = (i: number) => `S${seed.toString(36).toUpperCase()}${i.toString(36).toUpperCase().padStart(5, '0')}`;
  const jsonldId = (i: number) => `JB-${seed}-${i}`;

  function render(page: number, anchorMs: number): Pick<RawPage, 'body' | 'ext' | 'format' | 'url'> {
    if (page < layout.adzunaPages) {
      const from = page * ADZUNA_PAGE_SIZE;
      const results: unknown[] = [];
      for (let i = from; i < Math.min(layout.adzuna, from + ADZUNA_PAGE_SIZE); i++) {
        const [spec, rng] = job('adzuna', i, anchorMs);
        results.push(adzunaRecord(spec, adzunaId(i), rng));
      }
      const body = JSON.stringify({
        __CLASS__: 'Adzuna::API::Response::JobSearchResults',
        count: layout.adzuna,
        mean: ADZUNA_MEAN,
        results,
      });
      return {
        body,
        ext: 'json',
        format: 'adzuna',
        url: `https://api.adzuna.com/v1/api/jobs/fr/search/${page + 1}?results_per_page=${ADZUNA_PAGE_SIZE}&what=data`,
      };
    }
    const ftPage = page - layout.adzunaPages;
    if (ftPage < layout.francetravailPages) {
      const from = ftPage * FRANCE_TRAVAIL_PAGE_SIZE;
      const to = Math.min(layout.francetravail, from + FRANCE_TRAVAIL_PAGE_SIZE);
      const resultats: Record<string, unknown>[] = [];
      for (let i = from; i < to; i++) {
        const [spec, rng] = job('francetravail', i, anchorMs);
        resultats.push(franceTravailRecord(spec, ftId(i), rng));
      }
      const counts = new Map<string, number>();
      for (const r of resultats) counts.set(String(r.typeContrat), (counts.get(String(r.typeContrat)) ?? 0) + 1);
      const filtresPossibles = [
        {
          filtre: 'typeContrat',
          agregation: [...counts].sort().map(([valeurPossible, nbResultats]) => ({ valeurPossible, nbResultats })),
        },
      ];
      return {
        body: JSON.stringify({ resultats, filtresPossibles }),
        ext: 'json',
        format: 'francetravail',
        url: `https://api.francetravail.io/partenaire/offresdemploi/v2/offres/search?motsCles=data&range=${from}-${to - 1}`,
      };
    }
    const k = ftPage - layout.francetravailPages;
    const from = jsonldOffset(k);
    const to = Math.min(layout.jsonld, from + JSONLD_PATTERN[k % JSONLD_PATTERN.length]!);
    const nodes: Record<string, unknown>[] = [];
    for (let i = from; i < to; i++) {
      const [spec, rng] = job('jsonld', i, anchorMs);
      nodes.push(jobPostingNode(spec, jsonldId(i), rng));
    }
    const pageRng = new Random(seedOf(seed, STREAM.page, k));
    const broken = pageRng.chance(BROKEN_BLOCK_SHARE);
    const title = nodes.length === 1 ? String(nodes[0]!.title ?? 'Offre') : `${nodes.length} offres data`;
    return {
      body: jsonLdPage(nodes, title, pageRng, broken),
      ext: 'html',
      format: 'jsonld',
      url: `https://emplois.sample-board.example/offres?page=${k + 1}`,
    };
  }

  return {
    name: 'sample',
    requiredEnv: requiredVariables(SAMPLE_SETTINGS),
    // The same seed, scale and clock render the same pages: each provider renders its own.
    deterministic: true,
    stats: () => ({ ...stats }),
    async *pages(context: SourceContext): AsyncIterable<RawPage> {
      const clock = options.now ?? context.now ?? (() => new Date());
      const anchor = clock();
      const anchorMs = Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate());
      const total = layout.adzunaPages + layout.francetravailPages + layout.jsonldPages;
      let start = 0;
      if (context.resumeCursor !== null) {
        const last = Number(context.resumeCursor);
        if (!Number.isInteger(last) || last < -1)
          throw new ConfigurationError(`sample: invalid resume cursor "${context.resumeCursor}"`);
        start = last + 1;
      }
      for (let page = start; page < total; page++) {
        if (context.signal?.aborted) return;
        const rendered = render(page, anchorMs);
        stats.requests++;
        yield { ...rendered, status: 200, fetchedAt: clock().toISOString(), cursor: String(page) };
      }
    },
  };
}
