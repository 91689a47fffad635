/**
 * Large puts: clean NDJSON batches of several MB. Whether the provider uploads them in
 * parts is its own decision; the capability says whether it can, and the result
 * records it.
 */
import { ndjsonBatch } from './payloads.ts';
import { removePrefix, type Scenario } from './scenario.ts';

export const storeLargePuts: Scenario<{ body: Uint8Array }> = {
  name: 'store.put.large',
  rateLimited: false,
  // A few large objects per repetition keep a 3-cloud emulator run within minutes.
  operationsPerRepetition: (s) => Math.max(1, Math.min(3, Math.ceil(s.operations / 20))),
  warmupOperations: () => 1,
  concurrency: () => 1,
  payload: (ctx) => ({
    objectBytes: ctx.settings.largeObjectBytes,
    multipart: ctx.provider.capabilities.objectStore.multipartUpload,
    note: ctx.provider.capabilities.objectStore.multipartUpload
      ? 'the provider may split it into parts'
      : 'single write (no multipart capability)',
  }),
  async prepare(ctx) {
    return { body: ndjsonBatch(ctx.random, ctx.settings.largeObjectBytes) };
  },
  async run(ctx, state, index) {
    await ctx.provider.store.put(`${ctx.prefix}large/${index}.ndjson`, state.body, {
      contentType: 'application/x-ndjson',
    });
    return state.body.byteLength;
  },
  cleanup: (ctx) => removePrefix(ctx.provider, ctx.prefix),
};
