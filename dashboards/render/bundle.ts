/**
 * Bundles a page script (TypeScript under dashboards/, with its pure figure modules)
 * into one browser IIFE with esbuild, so the same figure functions the tests call in
 * Node run in the page. Quick enough to run on every build (docs/performance.md). The compiled copy in dist/ bundles the page
 * script's compiled JavaScript instead: dist/ holds no TypeScript.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { RUNS_COMPILED } from '../../lib/project-root.ts';

const cache = new Map<string, string>();

/** `entry` is relative to dashboards/, e.g. `cloud/cloud-page.ts`. */
export async function bundlePageScript(entry: string): Promise<string> {
  const cached = cache.get(entry);
  if (cached) return cached;
  const script = RUNS_COMPILED ? entry.replace(/\.ts$/, '.js') : entry;
  const file = fileURLToPath(new URL(`../${script}`, import.meta.url));
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error(`esbuild produced nothing for ${entry}`);
  cache.set(entry, text);
  return text;
}
