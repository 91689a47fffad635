/**
 * What every cloud provider's test file shares, so each file states only what differs. On the
 * emulators: the provider says it is emulated, lists paged keys to the end in key order, then
 * passes both contract suites under a random prefix and namespace that it cleans up. On a real
 * account, opt-in (`JOBBENCH_<CLOUD>_TEST=on`): the same contracts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { listAll, type ObjectStore, type Provider, type ProviderFactory, type Warehouse } from '../core/index.ts';
import { emulatorEnv, realEnv, realRunSkipReason, type Cloud } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { objectStoreContract } from './object-store-contract.ts';
import { warehouseContract } from './warehouse-contract.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** A store whose bucket or container exists, and how to release the client it opened. */
export interface OpenedStore {
  store: ObjectStore;
  release?: () => void;
}

export interface CloudSuiteOptions {
  cloud: Cloud;
  factory: ProviderFactory;
  /** The region the emulator environment configures. */
  region: string;
  /** The services and emulators, as the test titles name them: 'S3', 'RDS PostgreSQL', 'moto + local PostgreSQL'. */
  storeService: string;
  warehouseService: string;
  emulators: string;
  /** What a real run is made against, for the titles: 'account' or 'project'. */
  realTarget: string;
  /** A warehouse on a fresh namespace, dropped by its close(). */
  openWarehouse(env: Env): Promise<Warehouse>;
  /** A store under `keyPrefix` that lists `listPageSize` keys per page. */
  openStore(env: Env, keyPrefix: string, listPageSize: number): Promise<OpenedStore>;
  /** What the emulated provider must say beyond what every cloud says (its capabilities). */
  checkEmulated?(provider: Provider): void;
  /** The cloud's own tests on the emulators (its configuration errors, its API's quirks). */
  emulatorTests?(): void;
}

/** The contracts against one environment: the emulators or a real account. */
function contracts(options: CloudSuiteOptions, label: string, env: () => Env): void {
  let provider: Provider;
  objectStoreContract({
    name: `${options.cloud} ${options.storeService} (${label})`,
    make: async () => {
      provider = await options.factory.create({ env: env(), keyPrefix: `jobbench-test-${randomUUID().slice(0, 8)}/` });
      return provider.store;
    },
    dispose: () => provider.close(),
  });
  warehouseContract({
    name: `${options.cloud} ${options.warehouseService} (${label})`,
    make: () => options.openWarehouse(env()),
    dispose: (warehouse) => warehouse.close(),
  });
}

export function cloudSuite(options: CloudSuiteOptions): void {
  const env = () => emulatorEnv(options.cloud);
  describe(`${options.cloud} provider`, function () {
    describe('on the emulators', function () {
      before(function () {
        needs(this, 'emulators');
      });

      it('is marked emulated, with a fingerprint that names no host', async function () {
        const provider = await options.factory.create({ env: env() });
        try {
          assert.equal(provider.emulated, true);
          assert.equal(provider.region, options.region);
          assert.match(provider.endpointFingerprint, /^[0-9a-f]{12}$/);
          assert.equal(provider.prices?.region, provider.region, 'the price table is for the configured region');
          options.checkEmulated?.(provider);
        } finally {
          await provider.close();
        }
      });

      it('follows list pages to the end, in key order', async function () {
        const { store, release } = await options.openStore(env(), `jobbench-pages-${randomUUID().slice(0, 8)}/`, 2);
        const keys = ['p/4', 'p/0', 'p/3', 'p/1', 'p/2'];
        try {
          for (const key of keys) await store.put(key, key);
          assert.deepEqual(
            (await listAll(store, 'p/')).map((i) => i.key),
            [...keys].sort(),
          );
        } finally {
          for (const key of keys) await store.delete(key);
          release?.();
        }
      });

      options.emulatorTests?.();

      contracts(options, options.emulators, env);
    });

    const skip = realRunSkipReason(options.cloud);
    describe(`on the real ${options.realTarget} (opt-in)`, function () {
      if (skip) {
        it(`is skipped: ${skip}`, function () {
          this.skip();
        });
        return;
      }
      contracts(options, `real ${options.realTarget}`, realEnv);
    });
  });
}
