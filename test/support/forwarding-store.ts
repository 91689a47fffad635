/**
 * A store that hands every call to a real one. The tests' stores that crash, slow down or
 * record extend it and override only the calls they change.
 */
import type { ObjectStore } from '../../providers/core/index.ts';

export class ForwardingStore implements ObjectStore {
  constructor(protected readonly inner: ObjectStore) {}

  put(key: string, body: Uint8Array | string, options?: Parameters<ObjectStore['put']>[2]) {
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
