/**
 * The lake and warehouse most pipeline tests run on: per test, a new directory holding a
 * file-system lake and an in-memory PGlite warehouse, both gone after the test. Mocha's
 * `beforeEach`/`afterEach` are registered where this is called, inside a `describe`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Warehouse } from '../../providers/core/index.ts';
import { FsObjectStore } from '../../providers/local/fs-object-store.ts';
import { openPglite } from '../../providers/local/pglite-client.ts';
import { PostgresWarehouse } from '../../providers/postgres/postgres-warehouse.ts';

export interface LocalLake {
  /** The test's directory (the lake is `lake/` in it). */
  readonly dir: string;
  readonly store: FsObjectStore;
  readonly warehouse: Warehouse;
}

/** A fresh lake and warehouse for each test of the calling `describe`; `name` tags the directory. */
export function freshLocalLake(name: string, options: { batchSize: number }): LocalLake {
  let current: { dir: string; store: FsObjectStore; warehouse: Warehouse } | null = null;
  beforeEach(async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), `jobbench-${name}-`));
    const warehouse = new PostgresWarehouse({
      provider: 'local',
      client: await openPglite('memory://'),
      schema: 'jobbench',
      batchSize: options.batchSize,
    });
    current = { dir, store: new FsObjectStore(path.join(dir, 'lake')), warehouse };
  });
  afterEach(async function () {
    if (!current) return;
    const { dir, warehouse } = current;
    current = null;
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });
  const now = () => {
    if (!current) throw new Error('freshLocalLake: used outside a test');
    return current;
  };
  return {
    get dir() {
      return now().dir;
    },
    get store() {
      return now().store;
    },
    get warehouse() {
      return now().warehouse;
    },
  };
}
