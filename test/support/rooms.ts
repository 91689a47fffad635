/**
 * Reads docs/rooms.json, the one list of the project's rooms and their import rules, and
 * renders it as the table docs/architecture.md shows. Used by test/architecture.test.ts and
 * by `npm run docs:rooms` (scripts/write-rooms-table.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Room {
  path: string;
  holds: string;
  /** Rooms (or single files) this room may import; `*` for any room but the CLI. */
  mayImport: string[];
  /** Test helpers: may import any room, like test files. */
  testSupport?: boolean;
}

export interface Rooms {
  rooms: Room[];
  cdktf: { packages: string[]; onlyIn: string[] };
}

export const ROOMS_TABLE_BEGIN = '<!-- rooms table: written by `npm run docs:rooms` from docs/rooms.json -->';
export const ROOMS_TABLE_END = '<!-- end of rooms table -->';

export function readRooms(root: string): Rooms {
  return JSON.parse(readFileSync(path.join(root, 'docs', 'rooms.json'), 'utf8')) as Rooms;
}

/** The room a project-relative file belongs to: the one with the longest matching path. */
export function roomOf(rooms: Rooms, file: string): Room | null {
  let best: Room | null = null;
  for (const room of rooms.rooms) {
    const matches = file === room.path || file.startsWith(`${room.path}/`);
    if (matches && (best === null || room.path.length > best.path.length)) best = room;
  }
  return best;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown table of rooms: path, what it holds, what it may import. */
export function roomsTable(rooms: Rooms): string {
  const lines = ['| room | holds | may import |', '|---|---|---|'];
  for (const room of rooms.rooms) {
    const may = room.mayImport.includes('*')
      ? 'any room but `cli`'
      : room.mayImport.length === 0
        ? 'nothing of the project'
        : room.mayImport.map((dir) => `\`${dir}\``).join(', ');
    lines.push(`| \`${room.path}\` | ${cell(room.holds)} | ${may}${room.testSupport ? ' (test support)' : ''} |`);
  }
  return `${lines.join('\n')}\n`;
}
