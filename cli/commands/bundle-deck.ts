/**
 * Before a release bundle is zipped, its deck (and the analysis the deck reads) is made
 * from the latest results when it is missing or older than them: a bundle never ships a
 * deck of another run, nor lists the deck as missing when it could have been built here.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSlides } from '../../slides/build.ts';
import type { Io } from '../io.ts';

export type DeckState = 'current' | 'built' | 'no-results' | 'failed';

const mtime = (file: string) => statSync(file).mtimeMs;

/** Builds `slides/out/` under `root` when `results/latest.json` is newer than `slides/out/deck.pdf` (or it is missing). */
export async function ensureBundleDeck(root: string, io: Pick<Io, 'stderr'>, chromePath?: string): Promise<DeckState> {
  const resultsDir = path.join(root, 'results');
  const latest = path.join(resultsDir, 'latest.json');
  const outDir = path.join(root, 'slides', 'out');
  const deck = path.join(outDir, 'deck.pdf');
  if (!existsSync(latest)) return 'no-results';
  if (existsSync(deck) && mtime(deck) >= mtime(latest)) return 'current';
  try {
    await buildSlides({ resultsDir, outDir, pdf: true, ...(chromePath ? { chromePath } : {}) });
    return 'built';
  } catch (error) {
    // The bundle goes on: the deck is then listed in MANIFEST.txt as missing, or stale.
    io.stderr(
      `jobbench: the deck was not rebuilt for the bundle: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 'failed';
  }
}
