#!/usr/bin/env node
// The jobbench command. It runs the compiled JavaScript in dist/ when dist/ exists (`npm run build`, which
// `npm install` runs), so no TypeScript is compiled at start-up; without dist/ (a fresh clone before
// `npm run build`) it runs the TypeScript sources through tsx's loader. dist/ is not compared with the
// sources: after an edit, `npm run build` again, or set JOBBENCH_FROM_SOURCE=1 to run the sources through
// tsx as development and the tests do (test/run-from-source.ts sets it for every process a test starts).
// JOBBENCH_DEBUG_ENTRY=1 prints which entry runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `.env` in the working directory (see .env.example), read before anything else looks at the environment; a
// variable already set in the environment wins, as process.loadEnvFile never overwrites one.
if (existsSync('.env')) process.loadEnvFile('.env');

const COMPILED_ENTRY = new URL('../dist/cli/main.js', import.meta.url);
const fromSource = process.env.JOBBENCH_FROM_SOURCE === '1' || !existsSync(COMPILED_ENTRY);
const entry = fromSource ? new URL('../cli/main.ts', import.meta.url) : COMPILED_ENTRY;
if (fromSource) (await import('tsx/esm/api')).register();
// --verbose prints stacks: let them name the TypeScript lines (dist/ carries source maps).
else if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
if (process.env.JOBBENCH_DEBUG_ENTRY === '1') process.stderr.write(`jobbench: entry ${fileURLToPath(entry)}\n`);
// A closed pipe (`jobbench transform … | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// Some SDK internals (the BigQuery client's upload through teeny-request) leave a promise
// unhandled when a connection resets, while the same failure also reaches the caller
// through the SDK's own error path. Node's default would kill the whole run — every
// provider — for it; a harness that measures faults must record them and go on.
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET']);
process.on('unhandledRejection', (reason) => {
  const code = reason && typeof reason === 'object' ? (reason.code ?? reason.errno) : undefined;
  if (NETWORK_CODES.has(code)) {
    if (process.argv.includes('--verbose'))
      process.stderr.write(
        `jobbench: an SDK left a network error unhandled (${code}); its call fails on its own path\n`,
      );
    return;
  }
  throw reason;
});

const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
