/**
 * `npm run docs:rooms`: writes the rooms table of docs/architecture.md from docs/rooms.json,
 * between its markers, so the page and the architecture test read the same list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRooms, roomsTable, ROOMS_TABLE_BEGIN, ROOMS_TABLE_END } from '../test/support/rooms.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(ROOT, 'docs', 'architecture.md');
const doc = readFileSync(file, 'utf8');
const begin = doc.indexOf(ROOMS_TABLE_BEGIN);
const end = doc.indexOf(ROOMS_TABLE_END);
if (begin < 0 || end < begin) throw new Error(`${file}: rooms table markers not found`);
const table = roomsTable(readRooms(ROOT));
writeFileSync(file, `${doc.slice(0, begin + ROOMS_TABLE_BEGIN.length)}\n${table}${doc.slice(end)}`);
console.log(`wrote the rooms table of ${path.relative(ROOT, file)}`);
