#!/usr/bin/env node
// The jobbench command. Sources are TypeScript run through tsx's loader, so there is no
// build step between editing a file and running it.
import { register } from 'tsx/esm/api';

register();
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
  const code = reason && typeof reason === 'object' ? reason.code ?? reason.errno : undefined;
  if (NETWORK_CODES.has(code)) {
    if (process.argv.includes('--verbose')) process.stderr.write(`jobbench: an SDK left a network error unhandled (${code}); its call fails on its own path\n`);
    return;
  }
  throw reason;
});

const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
