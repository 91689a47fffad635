/**
 * A real store that starts failing after a number of writes: stands in for a crash at
 * any point of a stage (the process dies; what was written stays written).
 */
import { ProviderError, type ObjectStore } from '../../providers/core/index.ts';
import { ForwardingStore } from './forwarding-store.ts';

export class CrashAfterWrites extends ForwardingStore {
  private writes = 0;
  crashed = false;

  constructor(
    inner: ObjectStore,
    private readonly writesBeforeCrash: number,
    /** Only writes whose key starts with this prefix count (e.g. `clean/`). */
    private readonly prefix = '',
  ) {
    super(inner);
  }

  override async put(key: string, body: Uint8Array | string, options?: Parameters<ObjectStore['put']>[2]) {
    if (key.startsWith(this.prefix) && this.writes++ >= this.writesBeforeCrash) {
      this.crashed = true;
      throw ProviderError.because('test', 'store.put', 'unavailable', 'simulated crash');
    }
    return this.inner.put(key, body, options);
  }
}
