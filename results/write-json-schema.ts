// Regenerates results/results.schema.json from the zod schema: `npm run results:schema`.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resultsJsonSchema } from './schema.ts';

const target = fileURLToPath(new URL('./results.schema.json', import.meta.url));
await writeFile(target, `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
