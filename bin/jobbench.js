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
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
