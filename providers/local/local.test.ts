import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { objectStoreContract } from '../testing/object-store-contract.ts';
import { warehouseContract } from '../testing/warehouse-contract.ts';
import { PostgresWarehouse } from '../postgres/postgres-warehouse.ts';
import { FsObjectStore } from './fs-object-store.ts';
import { openPglite } from './pglite-client.ts';

const tmpDirs: string[] = [];
async function tmp(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-local-'));
  tmpDirs.push(dir);
  return dir;
}
after(async () => {
  for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true });
});

objectStoreContract({ name: 'local filesystem', make: async () => new FsObjectStore(await tmp()) });

warehouseContract({
  name: 'local PGlite',
  make: async () => {
    const schema = `contract_${randomUUID().slice(0, 8)}`;
    const client = await openPglite(await tmp());
    return new PostgresWarehouse({
      provider: 'local',
      client,
      schema,
      batchSize: 50, // several batches per load, so the batch boundary is exercised
      onClose: async () => void (await client.exec(`DROP SCHEMA "${schema}" CASCADE`)),
    });
  },
  dispose: (warehouse) => warehouse.close(),
});
