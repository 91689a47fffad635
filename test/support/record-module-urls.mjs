/**
 * A module hook (`node --import ./test/support/record-module-urls.mjs …`) that appends the
 * URL of every module the process loads to the file named by JOBBENCH_RECORD_MODULES, one a
 * line, so a test can say which packages a command pulled in. ESM modules and CommonJS
 * entry points imported from ESM all pass through the load hook; it runs on Node's loader
 * thread and writes synchronously, before the module it names is evaluated.
 *
 * Plain JavaScript: the loader thread reads it before any TypeScript loader exists.
 */
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

let recordFile = null;

/** Loader thread: where to write, handed over by `register`. */
export function initialize(data) {
  recordFile = data.recordFile;
}

export async function load(url, context, nextLoad) {
  appendFileSync(recordFile, `${url}\n`);
  return nextLoad(url, context);
}

// The same file is evaluated again on the loader thread, where it must not register itself.
if (isMainThread && process.env.JOBBENCH_RECORD_MODULES) {
  register(import.meta.url, { data: { recordFile: process.env.JOBBENCH_RECORD_MODULES } });
}
