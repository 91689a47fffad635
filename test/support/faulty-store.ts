/**
 * A real store that starts failing after a number of writes: stands in for a crash at
 * any point of a stage (the process dies; what was written stays written).
 */
import { ProviderError, type ObjectStore } from '../../providers/core/index.ts';

export class CrashAfterWrites implements ObjectStore {
  private writes = 0;
  crashed = false;

  constructor(
    private readonly inner: ObjectStore,
    private readonly writesBeforeCrash: number,
    /** Only writes whose key starts with this prefix count (e.g. `clean/`). */
    private readonly prefix = '',
  ) {}

  async put(key: string, body: Uint8Array | string, options?: Parameters<ObjectStore['put']>[2]) {
    if (key.startsWith(this.prefix) && this.writes++ >= this.writesBeforeCrash) {
      this.crashed = true;
      throw ProviderError.because('test', 'store.put', 'unavailable', 'simulated crash');
    }
    return this.inner.put(key, body, options);
  }
  get(key: string) {
    return this.inner.get(key);
  }
  head(key: string) {
    return this.inner.head(key);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}
