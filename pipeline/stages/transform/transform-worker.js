// The entry of a transform worker thread (transform-pool.ts). Plain JavaScript, copied as is into dist/ by
// `npm run build`, because it must start in both copies of the code: in dist/ the transform is compiled
// JavaScript next to this file and loads directly; in the sources it is TypeScript, and a worker does not
// inherit the loader bin/jobbench.js registers on the main thread, so it registers tsx's loader itself.
import { existsSync } from 'node:fs';

const compiled = new URL('./packed-pages.js', import.meta.url);
const runsCompiled = existsSync(compiled);
if (!runsCompiled) (await import('tsx/esm/api')).register();
const { transformPackedPages } = await import(runsCompiled ? compiled.href : './packed-pages.ts');

export default transformPackedPages;
