/**
 * Starts, reuses and stops the emulators, and says how to reach them. Healthy servers
 * recorded in the state file are reused, so tests, the CLI and a developer's shell
 * share one set; each caller stops only what it started itself.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureVenv, type PythonEnv } from '../tools/python/venv.ts';
import { DEFINITIONS, emulatorEnvironment } from './definitions.ts';
import { basePostgresUrl, ensureProviderDatabases, PROVIDER_DATABASES } from './postgres-databases.ts';
import { freePort, isAlive, probe, spawnDetached, stopProcess, waitReady } from './processes.ts';
import { withStartLock } from './start-lock.ts';
import {
  EMULATOR_NAMES,
  emulatorDir,
  logFile,
  PROJECT_ROOT,
  readState,
  writeState,
  type EmulatorName,
  type EmulatorRecord,
} from './state.ts';

export interface EmulatorSession {
  /** Variables that point the providers at the emulators (see `formatExports`). */
  env: Record<string, string>;
  /** Servers this call launched (the caller should stop these, and only these: `stopStarted`). */
  started: EmulatorName[];
  /** Pid of each server this call launched. */
  startedPids: Partial<Record<EmulatorName, number>>;
  /** Healthy servers found in the state file and reused. */
  reused: EmulatorName[];
}

export interface EmulatorOptions {
  /** Which servers (default: all). */
  names?: readonly EmulatorName[];
  /** Progress lines (venv creation, starts, reuses). */
  log?: (line: string) => void;
  root?: string;
}

async function healthy(name: EmulatorName, record: EmulatorRecord | undefined): Promise<boolean> {
  if (!record || !isAlive(record.pid)) return false;
  const status = await probe(DEFINITIONS[name].readyUrl(record.port));
  return status !== null && status < 500;
}

/** Starts every missing emulator, ensures the Postgres databases, and returns the env. */
export async function startEmulators(options: EmulatorOptions = {}): Promise<EmulatorSession> {
  const root = options.root ?? PROJECT_ROOT;
  await mkdir(emulatorDir(root), { recursive: true });
  // Long enough for another process to create the Python environment on a fresh machine.
  return withStartLock(root, 20 * 60_000, () => startUnlocked(options, root));
}

async function startUnlocked(options: EmulatorOptions, root: string): Promise<EmulatorSession> {
  const names = options.names ?? EMULATOR_NAMES;
  const log = options.log ?? (() => undefined);
  // First, and fast: without the databases the session is unusable.
  const databases = await ensureProviderDatabases(basePostgresUrl());
  const state = await readState(root);
  const started: EmulatorName[] = [];
  const reused: EmulatorName[] = [];
  const toStart: EmulatorName[] = [];
  for (const name of names) {
    if (await healthy(name, state.servers[name])) reused.push(name);
    else toStart.push(name);
  }
  let python: PythonEnv | null = null;
  if (toStart.some((name) => DEFINITIONS[name].needsPython)) python = await ensureVenv('emulators', { log });

  // Launch them all, then wait for all: the slow starts overlap.
  const pending: Array<{ name: EmulatorName; record: EmulatorRecord }> = [];
  for (const name of toStart) {
    const definition = DEFINITIONS[name];
    const port = await freePort();
    const dataDir = path.join(emulatorDir(root), name);
    await mkdir(dataDir, { recursive: true });
    const { command, args, env } = definition.launch({ port, dataDir, python });
    const server = spawnDetached(command, args, { logFile: logFile(name, root), cwd: dataDir, env });
    const record = { pid: server.pid, port, startedAt: new Date().toISOString() };
    pending.push({ name, record });
    log(`starting ${definition.describe} on 127.0.0.1:${port} (log: ${path.relative(root, logFile(name, root))})`);
  }
  const results = await Promise.allSettled(
    pending.map(({ name, record }) =>
      waitReady(
        DEFINITIONS[name].readyUrl(record.port),
        record.pid,
        DEFINITIONS[name].startTimeoutS * 1000,
        DEFINITIONS[name].describe,
      ),
    ),
  );
  const failures: string[] = [];
  for (const [i, result] of results.entries()) {
    const { name, record } = pending[i]!;
    if (result.status === 'fulfilled') {
      state.servers[name] = record;
      started.push(name);
    } else {
      await stopProcess(record.pid);
      failures.push(`${(result.reason as Error).message} (see ${path.relative(root, logFile(name, root))})`);
    }
  }
  await writeState(state, root);
  if (failures.length > 0) {
    for (const name of started) await stopProcess(state.servers[name]!.pid);
    for (const name of started) delete state.servers[name];
    await writeState(state, root);
    throw new Error(`emulators failed to start: ${failures.join('; ')}`);
  }
  for (const name of reused) log(`reusing ${DEFINITIONS[name].describe} on 127.0.0.1:${state.servers[name]!.port}`);

  const startedPids = Object.fromEntries(started.map((name) => [name, state.servers[name]!.pid]));
  return { env: emulatorEnvironment(portsOf(state.servers, names), databases), started, startedPids, reused };
}

/** Stops exactly the servers a session launched (by pid), leaving any others running. */
export async function stopStarted(
  session: Pick<EmulatorSession, 'startedPids'>,
  options: EmulatorOptions = {},
): Promise<void> {
  const root = options.root ?? PROJECT_ROOT;
  const entries = Object.entries(session.startedPids) as Array<[EmulatorName, number]>;
  for (const [, pid] of entries) await stopProcess(pid);
  const state = await readState(root);
  for (const [name, pid] of entries) if (state.servers[name]?.pid === pid) delete state.servers[name];
  await writeState(state, root);
}

/** Stops the named emulators (default: every one in the state file). Returns those stopped. */
export async function stopEmulators(options: EmulatorOptions = {}): Promise<EmulatorName[]> {
  const root = options.root ?? PROJECT_ROOT;
  const state = await readState(root);
  const stopped: EmulatorName[] = [];
  for (const name of options.names ?? EMULATOR_NAMES) {
    const record = state.servers[name];
    if (!record) continue;
    if (isAlive(record.pid)) {
      await stopProcess(record.pid);
      stopped.push(name);
      options.log?.(`stopped ${DEFINITIONS[name].describe}`);
    }
    delete state.servers[name];
  }
  await writeState(state, root);
  return stopped;
}

/** The env for the emulators that are running now (healthy ones only). */
export async function runningEmulatorEnv(
  options: EmulatorOptions = {},
): Promise<{ env: Record<string, string>; running: EmulatorName[] }> {
  const root = options.root ?? PROJECT_ROOT;
  const state = await readState(root);
  const running: EmulatorName[] = [];
  for (const name of options.names ?? EMULATOR_NAMES) if (await healthy(name, state.servers[name])) running.push(name);
  const base = new URL(basePostgresUrl());
  const url = (database: string) => Object.assign(new URL(base.toString()), { pathname: `/${database}` }).toString();
  const env = emulatorEnvironment(portsOf(state.servers, running), {
    aws: url(PROVIDER_DATABASES.aws),
    azure: url(PROVIDER_DATABASES.azure),
  });
  return { env, running };
}

function portsOf(
  servers: Partial<Record<EmulatorName, EmulatorRecord>>,
  names: readonly EmulatorName[],
): Partial<Record<EmulatorName, number>> {
  const ports: Partial<Record<EmulatorName, number>> = {};
  for (const name of names) {
    const record = servers[name];
    if (record) ports[name] = record.port;
  }
  return ports;
}

/** `export NAME='value'` lines for a POSIX shell (`eval "$(jobbench emulators env)"`). */
export function formatExports(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `export ${name}='${value.replaceAll("'", "'\\''")}'`)
    .join('\n');
}
