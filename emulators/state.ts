/**
 * Where the emulators keep their state: `.jobbench/emulators/state.json` (pids and
 * ports), one log file per server and their data directories. Shared across processes,
 * so `jobbench emulators stop` finds what `start` launched.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';

export { PROJECT_ROOT };

/** Names of the servers the project starts (Postgres is the machine's own). */
export type EmulatorName = 'moto' | 'gcs' | 'bigquery' | 'azurite';
export const EMULATOR_NAMES: readonly EmulatorName[] = ['moto', 'gcs', 'bigquery', 'azurite'];

export interface EmulatorRecord {
  pid: number;
  /** Loopback port of the REST endpoint. */
  port: number;
  startedAt: string;
}

export interface EmulatorState {
  version: 1;
  servers: Partial<Record<EmulatorName, EmulatorRecord>>;
}

export function emulatorDir(root = PROJECT_ROOT): string {
  return path.join(root, '.jobbench', 'emulators');
}

export function logFile(name: EmulatorName, root = PROJECT_ROOT): string {
  return path.join(emulatorDir(root), `${name}.log`);
}

const stateFile = (root: string) => path.join(emulatorDir(root), 'state.json');

export async function readState(root = PROJECT_ROOT): Promise<EmulatorState> {
  try {
    const parsed = JSON.parse(await readFile(stateFile(root), 'utf8')) as EmulatorState;
    if (parsed.version === 1 && typeof parsed.servers === 'object' && parsed.servers !== null) return parsed;
  } catch {
    /* no state yet, or unreadable: start over */
  }
  return { version: 1, servers: {} };
}

/** Writes through a temporary file and rename, so a reader never sees half a file. */
export async function writeState(state: EmulatorState, root = PROJECT_ROOT): Promise<void> {
  await mkdir(emulatorDir(root), { recursive: true });
  await writeFileAtomic(stateFile(root), `${JSON.stringify(state, null, 2)}\n`);
}
