/**
 * The contract every ObjectStore passes (unstorage's testDriver, object_store's
 * integration suite): one suite, a factory per backend. Each run writes under a fresh
 * random prefix and removes it afterwards, so it can run against a shared real bucket.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hasErrorCode, listAll, type ObjectStore } from '../core/index.ts';

export interface ObjectStoreContractOptions {
  /** Name shown in the test titles. */
  name: string;
  /** Builds a store; called once per suite. */
  make: () => Promise<ObjectStore>;
  /** Releases the store's connections after the suite. */
  dispose?: (store: ObjectStore) => Promise<void>;
  /** Size of the "large object" case in bytes (default 12 MiB: above S3's 5 MiB part minimum). */
  largeObjectBytes?: number;
}

export function objectStoreContract(options: ObjectStoreContractOptions): void {
  describe(`ObjectStore contract: ${options.name}`, function () {
    let store: ObjectStore;
    const prefix = `contract-${randomUUID()}/`;
    const key = (name: string) => `${prefix}${name}`;

    before(async function () {
      store = await options.make();
    });

    after(async function () {
      if (!store) return;
      for (const info of await listAll(store, prefix)) await store.delete(info.key);
      assert.deepEqual(await listAll(store, prefix), [], 'cleanup left objects behind');
      await options.dispose?.(store);
    });

    it('puts and gets bytes and strings verbatim', async function () {
      const bytes = new Uint8Array([0, 1, 2, 254, 255]);
      await store.put(key('bytes.bin'), bytes);
      assert.deepEqual(Buffer.from(await store.get(key('bytes.bin'))), Buffer.from(bytes));
      const text = '{"titre":"Data scientist · Île-de-France ✓"}';
      await store.put(key('text.json'), text, { contentType: 'application/json' });
      assert.equal(Buffer.from(await store.get(key('text.json'))).toString('utf8'), text);
    });

    it('overwrites an existing key', async function () {
      await store.put(key('over.txt'), 'first version, longer');
      await store.put(key('over.txt'), 'second');
      assert.equal(Buffer.from(await store.get(key('over.txt'))).toString(), 'second');
      assert.equal((await store.head(key('over.txt')))?.size, 6);
    });

    it('stores empty objects', async function () {
      await store.put(key('empty'), new Uint8Array());
      assert.equal((await store.get(key('empty'))).byteLength, 0);
      assert.equal((await store.head(key('empty')))?.size, 0);
    });

    it('reports a missing key as not-found on get and null on head', async function () {
      await assert.rejects(store.get(key('missing.json')), (error: unknown) => hasErrorCode(error, 'not-found'));
      assert.equal(await store.head(key('missing.json')), null);
    });

    it('head returns the size of what was put', async function () {
      await store.put(key('sized.txt'), 'é'.repeat(10));
      const info = await store.head(key('sized.txt'));
      assert.equal(info?.key, key('sized.txt'));
      assert.equal(info?.size, 20);
    });

    it('lists recursively by plain prefix, in key order, and nothing outside it', async function () {
      const names = ['list/b/2.json', 'list/a/1.json', 'list/a/0.json', 'list-other/x.json', 'listing.json'];
      for (const name of names) await store.put(key(name), name);
      const listed = (await listAll(store, key('list/'))).map((i) => i.key);
      assert.deepEqual(listed, [key('list/a/0.json'), key('list/a/1.json'), key('list/b/2.json')]);
      const partial = (await listAll(store, key('list'))).map((i) => i.key);
      assert.deepEqual(partial, [...names].sort().map(key));
      const sizes = (await listAll(store, key('list/a/'))).map((i) => i.size);
      assert.deepEqual(sizes, [13, 13]);
    });

    it('lists nothing for an unknown prefix', async function () {
      assert.deepEqual(await listAll(store, key('nothing-here/')), []);
    });

    it('deletes, and deleting a missing key is not an error', async function () {
      await store.put(key('gone.txt'), 'x');
      await store.delete(key('gone.txt'));
      assert.equal(await store.head(key('gone.txt')), null);
      await store.delete(key('gone.txt'));
      await store.delete(key('never-existed.txt'));
    });

    it('keeps keys with spaces, accents, = and unicode', async function () {
      const odd = key('raw/source=sample/dt=2026-11-28/ville Évry (91)/offre ✓.json');
      await store.put(odd, 'ok');
      assert.equal(Buffer.from(await store.get(odd)).toString(), 'ok');
      assert.deepEqual(
        (await listAll(store, key('raw/source=sample/'))).map((i) => i.key),
        [odd],
      );
    });

    it('rejects invalid keys with invalid-request', async function () {
      for (const bad of ['', '/abs', `${prefix}../escape`, `${prefix}a//b`]) {
        await assert.rejects(store.put(bad, 'x'), (error: unknown) => hasErrorCode(error, 'invalid-request'), bad);
      }
    });

    it('round-trips a large object byte for byte', async function () {
      this.timeout(120_000);
      const size = options.largeObjectBytes ?? 12 * 1024 * 1024;
      const body = randomBytes(size);
      await store.put(key('large.bin'), body);
      const back = await store.get(key('large.bin'));
      assert.equal(back.byteLength, size);
      const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
      assert.equal(digest(back), digest(body));
    });

    it('handles concurrent puts to distinct keys and to one key', async function () {
      const many = Array.from({ length: 24 }, (_, i) =>
        store.put(key(`concurrent/${String(i).padStart(2, '0')}.txt`), `v${i}`),
      );
      await Promise.all(many);
      assert.equal((await listAll(store, key('concurrent/'))).length, 24);
      const same = Array.from({ length: 8 }, (_, i) => store.put(key('race.txt'), `writer-${i}`));
      await Promise.all(same);
      const winner = Buffer.from(await store.get(key('race.txt'))).toString();
      assert.match(winner, /^writer-[0-7]$/, 'a concurrent overwrite must leave one whole version');
    });
  });
}
