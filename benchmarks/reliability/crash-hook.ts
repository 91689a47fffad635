/**
 * A test hook for the crash/resume check: with `JOBBENCH_CRASH_AT=<boundary>` the
 * process kills itself with SIGKILL — no cleanup, no flush, like a power cut — right
 * after the run manifest records that boundary. Boundaries: `extract`, `transform`,
 * `load` (after that stage is checkpointed done), `extract-page:N` (after the Nth raw
 * page is stored, mid-stage) and `load-commit` (the warehouse committed the load but
 * the manifest does not say so yet — the window where a naive resume would load twice).
 * It wraps the provider, so the pipeline is unaware of it.
 */
import { billingPassThrough, type ObjectStore, type Provider, type Warehouse } from '../../providers/core/index.ts';

export const CRASH_ENV = 'JOBBENCH_CRASH_AT';
export const CRASH_BOUNDARIES = ['extract-page:3', 'extract', 'transform', 'load-commit', 'load'] as const;

export type CrashBoundary = string;

function parseBoundary(boundary: string): { stage: 'extract' | 'transform' | 'load' } | { pages: number } | { commit: true } {
  if (boundary === 'load-commit') return { commit: true };
  const page = /^extract-page:(\d+)$/.exec(boundary);
  if (page) return { pages: Number(page[1]) };
  if (boundary === 'extract' || boundary === 'transform' || boundary === 'load') return { stage: boundary };
  throw new Error(`${CRASH_ENV} must be extract, transform, load, load-commit or extract-page:N, got "${boundary}"`);
}

export function crashHookStore(store: ObjectStore, boundary: CrashBoundary, kill: () => void = () => process.kill(process.pid, 'SIGKILL')): ObjectStore {
  const target = parseBoundary(boundary);
  let pages = 0;
  return {
    ...store,
    put: async (key, body, options) => {
      const info = await store.put(key, body, options);
      if ('pages' in target) {
        if (key.startsWith('raw/') && !key.endsWith('.meta.json') && ++pages >= target.pages) kill();
      } else if ('stage' in target && /^runs\/[^/]+\/manifest\.json$/.test(key)) {
        const manifest = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8')) as { stages: Record<string, { status: string }> };
        if (manifest.stages[target.stage]?.status === 'done') kill();
      }
      return info;
    },
    get: (key) => store.get(key),
    head: (key) => store.head(key),
    list: (prefix) => store.list(prefix),
    delete: (key) => store.delete(key),
  };
}

/** The provider with the crash hook on its store (stage boundaries) and warehouse (load commit). */
export function crashHookProvider(provider: Provider, boundary: CrashBoundary, kill: () => void = () => process.kill(process.pid, 'SIGKILL')): Provider {
  const target = parseBoundary(boundary);
  // Every method is listed: a spread would drop the methods of a class instance.
  const inner = provider.warehouse;
  const warehouse: Warehouse = 'commit' in target
    ? {
        migrate: () => inner.migrate(),
        query: (name, params) => inner.query(name, params),
        fingerprints: (ids) => inner.fingerprints(ids),
        close: () => inner.close(),
        load: async (postings, run) => {
          const info = await inner.load(postings, run);
          kill();
          return info;
        },
        ...billingPassThrough(inner),
      }
    : inner;
  return { ...provider, store: 'commit' in target ? provider.store : crashHookStore(provider.store, boundary, kill), warehouse, close: () => provider.close() };
}
