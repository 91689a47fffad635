/**
 * Gets of raw-page-sized objects written during prepare. Time to first byte is not
 * measured: `ObjectStore.get` resolves with the whole body (the narrow interface has
 * no stream), so only the complete read is observable through it.
 */
import { jsonPage, rawPageSize } from './payloads.ts';
import { removePrefix, type Scenario } from './scenario.ts';

const OBJECTS = 32;

export const storeGets: Scenario<{ keys: string[] }> = {
  name: 'store.get.page',
  rateLimited: true,
  payload: () => ({
    objectBytes: null,
    multipart: false,
    note: `${OBJECTS} objects of 2–50 KB read round-robin; whole-body reads (no time to first byte through the interface)`,
  }),
  async prepare(ctx) {
    const keys: string[] = [];
    for (let i = 0; i < OBJECTS; i++) {
      const key = `${ctx.prefix}get/${i}.json`;
      await ctx.provider.store.put(key, jsonPage(ctx.random, rawPageSize(ctx.random)));
      keys.push(key);
    }
    return { keys };
  },
  async run(ctx, state, index) {
    return (await ctx.provider.store.get(state.keys[index % state.keys.length]!)).byteLength;
  },
  cleanup: (ctx) => removePrefix(ctx.provider, ctx.prefix),
};
