/** Listing a prefix of many small objects (the transform stage's discovery pattern). */
import { removePrefix, type Scenario } from './scenario.ts';

const OBJECTS = 250;

export const storeList: Scenario<{ prefix: string }> = {
  name: 'store.list.prefix',
  rateLimited: true,
  operationsPerRepetition: (s) => Math.max(1, Math.ceil(s.operations / 4)),
  payload: () => ({
    objectBytes: null,
    multipart: null,
    note: `one listing = every key of a ${OBJECTS}-object prefix (all pages)`,
  }),
  async prepare(ctx) {
    const prefix = `${ctx.prefix}list/`;
    const body = Buffer.from('{}');
    // Written 8 at a time: preparing is not measured, but it should not take long.
    for (let i = 0; i < OBJECTS; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, OBJECTS - i) }, (_, j) =>
          ctx.provider.store.put(`${prefix}${String(i + j).padStart(4, '0')}.json`, body),
        ),
      );
    }
    return { prefix };
  },
  async run(ctx, state) {
    let n = 0;
    for await (const _ of ctx.provider.store.list(state.prefix)) n++;
    if (n !== OBJECTS)
      throw Object.assign(new Error(`listing returned ${n} of ${OBJECTS} keys`), { code: 'invalid-request' });
    return 0;
  },
  cleanup: (ctx) => removePrefix(ctx.provider, ctx.prefix),
};
