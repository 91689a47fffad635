/**
 * A stand-in for Adzuna's search endpoint, replaying pages in the documented shape
 * (`{ __CLASS__, count, mean, results }`) built from the fixture's job records.
 */
import { fixtureJson } from './fixtures.ts';
import { send, startLocalServer, type LocalServer } from './local-server.ts';

interface Page {
  __CLASS__: string;
  count: number;
  mean: number;
  results: Array<Record<string, unknown>>;
}

export interface FakeAdzunaOptions {
  /** Postings matching every query, newest first. */
  total: number;
  /** Date of the newest posting; each next one is an hour older. */
  newest: Date;
  /** Answer for a page number before the normal one (to inject 429/5xx/401). */
  override?: (
    page: number,
    attempt: number,
  ) => { status: number; body?: string; headers?: Record<string, string> } | null;
}

export function adzunaJobs(total: number, newest: Date): Array<Record<string, unknown>> {
  const template = fixtureJson<Page>('adzuna/search-page.json').results[0] as Record<string, unknown>;
  return Array.from({ length: total }, (_, i) => ({
    ...template,
    id: String(5_000_000_000 + i),
    created: new Date(newest.getTime() - i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }));
}

export async function startFakeAdzuna(options: FakeAdzunaOptions): Promise<LocalServer> {
  const attempts = new Map<number, number>();
  return startLocalServer((req, res) => {
    const url = new URL(req.url, 'http://local');
    const match = /^\/v1\/api\/jobs\/fr\/search\/(\d+)$/.exec(url.pathname);
    if (!match) return send(res, 404, '{"exception":"NOT_FOUND"}');
    const page = Number(match[1]);
    const attempt = (attempts.get(page) ?? 0) + 1;
    attempts.set(page, attempt);
    const injected = options.override?.(page, attempt);
    if (injected) return send(res, injected.status, injected.body ?? '{}', 'application/json', injected.headers ?? {});
    const perPage = Number(url.searchParams.get('results_per_page') ?? 10);
    const maxDaysOld = Number(url.searchParams.get('max_days_old') ?? 10_000);
    // The server's "now" is the newest posting date plus an hour, like a live index.
    const cutoff = options.newest.getTime() + 3_600_000 - maxDaysOld * 86_400_000;
    const all = adzunaJobs(options.total, options.newest).filter((job) => Date.parse(job.created as string) >= cutoff);
    const body: Page = {
      __CLASS__: 'Adzuna::API::Response::JobSearchResults',
      count: all.length,
      mean: 50_000,
      results: all.slice((page - 1) * perPage, page * perPage),
    };
    return send(res, 200, JSON.stringify(body));
  });
}
