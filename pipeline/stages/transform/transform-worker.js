// The entry of a transform worker thread (transform-pool.ts). Plain JavaScript because a
// worker does not inherit the TypeScript loader that bin/jobbench.js registers on the
// main thread: it registers tsx's loader itself, then loads the transform.
import { register } from 'tsx/esm/api';

register();
const { transformPackedPages } = await import('./packed-pages.ts');

export default transformPackedPages;
