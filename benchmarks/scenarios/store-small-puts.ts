/** Small puts: raw-page-sized JSON objects (2–50 KB), the extract stage's write pattern. */
import { jsonPage, rawPageSize } from './payloads.ts';
import { removePrefix, type Scenario } from './scenario.ts';

export const storeSmallPuts: Scenario<{ bodies: Uint8Array[] }> = {
  name: 'store.put.small',
  rateLimited: true,
  payload: () => ({ objectBytes: null, multipart: false, note: 'JSON bodies of 2–50 KB (uniform, seeded)' }),
  async prepare(ctx) {
    // Payloads are built before timing starts; the same 64 are reused round-robin.
    return { bodies: Array.from({ length: 64 }, () => jsonPage(ctx.random, rawPageSize(ctx.random))) };
  },
  async run(ctx, state, index) {
    const body = state.bodies[index % state.bodies.length]!;
    await ctx.provider.store.put(`${ctx.prefix}small/${index}.json`, body, { contentType: 'application/json' });
    return body.byteLength;
  },
  cleanup: (ctx) => removePrefix(ctx.provider, ctx.prefix),
};
