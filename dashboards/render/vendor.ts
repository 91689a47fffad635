/**
 * The chart libraries inlined into each page so it opens offline from disk: Plotly's
 * full bundle and BokehJS (core + widgets + tables + the JS plotting API). Resolved
 * through the package resolver, not a hard-coded node_modules path.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

export type VendorLibrary = 'plotly' | 'bokeh';

const FILES: Record<VendorLibrary, { pkg: string; files: string[] }> = {
  plotly: { pkg: 'plotly.js', files: ['dist/plotly.min.js'] },
  // Order matters: the core defines the Bokeh global the others register into.
  bokeh: {
    pkg: '@bokeh/bokehjs',
    files: [
      'build/js/bokeh.min.js',
      'build/js/bokeh-widgets.min.js',
      'build/js/bokeh-tables.min.js',
      'build/js/bokeh-api.min.js',
    ],
  },
};

const cache = new Map<VendorLibrary, string[]>();

/** The library's script texts, in load order (read once per process). */
export async function vendorScripts(library: VendorLibrary): Promise<string[]> {
  const cached = cache.get(library);
  if (cached) return cached;
  const { pkg, files } = FILES[library];
  const dir = packageDir(pkg);
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
  cache.set(library, texts);
  return texts;
}
