/**
 * Where the project is, whichever copy of the code runs: the TypeScript sources through tsx, or the
 * JavaScript `npm run build` compiles into dist/ with the same folder layout. Files next to the code
 * (prices.json, tools/python/*.txt, …) are copied into dist/ and read relative to the module, but what
 * lives only at the root — node_modules/, the .jobbench/ data folder (emulator state, Python venvs) — must be
 * found from here: dist/lib/ is two folders below the root, lib/ one.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder `npm run build` compiles into, under the project root. */
export const BUILD_DIR = 'dist';

/** True when this is the compiled copy in dist/ (a `.js` module); false when tsx runs the sources. */
export const RUNS_COMPILED = import.meta.url.endsWith('.js');

/** The project root: package.json, node_modules/, .jobbench/ — dist/'s parent when running compiled. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), RUNS_COMPILED ? '../..' : '..');

/**
 * The sources' copy of a file that sits beside compiled code (`<root>/dist/x` → `<root>/x`); other paths as they
 * are. A command that rewrites a committed file (`jobbench prices refresh`) must write, and then read, that one:
 * dist/ is rebuilt from the sources and is not committed.
 */
export function sourceFileOf(file: string): string {
  const buildDir = path.join(PROJECT_ROOT, BUILD_DIR) + path.sep;
  return RUNS_COMPILED && file.startsWith(buildDir) ? path.join(PROJECT_ROOT, file.slice(buildDir.length)) : file;
}
