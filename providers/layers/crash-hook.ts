/**
 * A test hook for the crash/resume check: with `JOBBENCH_CRASH_AT=<boundary>` the
 * process kills itself with SIGKILL — no cleanup, no flush, like a power cut — right
 * after the run manifest records that boundary. Boundaries: `extract`, `transform`,
 * `load` (after that stage is checkpointed done), `extract-page:N` (after the Nth raw
 * page is stored, mid-stage) and `load-commit` (the warehouse committed the load but
 * the manifest does not say so yet — the window where a naive resume would load twice).
 * It is a provider layer, so the pipeline is unaware of it.
 */
import type { Layer, Operation } from './layer.ts';

export const CRASH_ENV = 'JOBBENCH_CRASH_AT';
export const CRASH_BOUNDARIES = ['extract-page:3', 'extract', 'transform', 'load-commit', 'load'] as const;

export type CrashBoundary = string;

function parseBoundary(
  boundary: string,
): { stage: 'extract' | 'transform' | 'load' } | { pages: number } | { commit: true } {
  if (boundary === 'load-commit') return { commit: true };
  const page = /^extract-page:(\d+)$/.exec(boundary);
  if (page) return { pages: Number(page[1]) };
  if (boundary === 'extract' || boundary === 'transform' || boundary === 'load') return { stage: boundary };
  throw new Error(`${CRASH_ENV} must be extract, transform, load, load-commit or extract-page:N, got "${boundary}"`);
}

const killProcess = () => process.kill(process.pid, 'SIGKILL');
const MANIFEST_KEY = /^runs\/[^/]+\/manifest\.json$/;

/** Kills the process right after the write that reaches the boundary succeeded (a store put, or the load). */
export function crashHookLayer(boundary: CrashBoundary, kill: () => void = killProcess): Layer {
  const target = parseBoundary(boundary);
  let pages = 0;
  const reachesBoundary = (operation: Operation): boolean => {
    if ('commit' in target) return operation.target === 'warehouse' && operation.method === 'load';
    if (operation.target !== 'store' || operation.method !== 'put') return false;
    const [key, body] = operation.args;
    if ('pages' in target) return key.startsWith('raw/') && !key.endsWith('.meta.json') && ++pages >= target.pages;
    if (!MANIFEST_KEY.test(key)) return false;
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    const manifest = JSON.parse(text) as { stages: Record<string, { status: string }> };
    return manifest.stages[target.stage]?.status === 'done';
  };
  return {
    name: 'crash hook',
    around: async (operation, call) => {
      const result = await call();
      if (reachesBoundary(operation)) kill();
      return result;
    },
    aroundListing: (_operation, call) => call(),
  };
}
