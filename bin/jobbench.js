#!/usr/bin/env node
// The jobbench command. Sources are TypeScript run through tsx's loader, so there is no
// build step between editing a file and running it.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
