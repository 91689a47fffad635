/**
 * Quality: the same checks before cleaning (records as the sources wrote them) and after
 * (canonical postings), so the effect of the transform on quality is measurable.
 * Both are computed on a deterministic sample — the raw pages and clean chunks whose
 * keys hash lowest — so the figures are reproducible, bounded in memory, and the same
 * whichever order chunks were written in or whether the run was resumed.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { ObjectStore } from '../../../providers/core/index.ts';
import type { RawPageMeta } from '../extract/extract.ts';
import { cleanKey, parseRawName, rawPrefix } from '../../lake/lake-layout.ts';
import { readVerifiedCleanChunk } from '../../lake/clean-chunks.ts';
import type { RunManifest } from '../../lake/run-manifest.ts';
import { QualityTally, type QualityReport, type RawQualityPayload } from './quality.ts';
import { decodeUtf8 } from '../transform/parsers/utf8-decode.ts';

export interface QualitySample {
  rawPages: number;
  rawPagesTotal: number;
  cleanPostings: number;
  cleanChunks: number;
  cleanChunksTotal: number;
}

export interface QualityAssessment {
  before: QualityReport;
  after: QualityReport;
  sample: QualitySample;
}

export interface QualityOptions {
  /** Raw pages read for the "before" report. */
  rawPages?: number;
  /** Clean postings (at least) read for the "after" report. */
  cleanPostings?: number;
  now: Date;
}

const byHash = (key: string) => createHash('sha256').update(key).digest('hex');
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

export async function assessQuality(
  store: ObjectStore,
  manifest: RunManifest,
  options: QualityOptions,
): Promise<QualityAssessment> {
  // Before cleaning: the raw pages with the lowest key hashes.
  const bodies: { key: string; metaKey: string }[] = [];
  for (const source of Object.keys(manifest.stages.extract.sources).sort()) {
    const prefix = rawPrefix(source, manifest.dt, manifest.runId);
    for await (const info of store.list(prefix)) {
      const parsed = parseRawName(info.key.slice(prefix.length));
      if (parsed?.kind === 'body') bodies.push({ key: info.key, metaKey: `${prefix}${parsed.n}.meta.json` });
    }
  }
  const pickedPages = bodies
    .map((b) => ({ ...b, hash: byHash(b.key) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : 1))
    .slice(0, options.rawPages ?? 300);
  // Read a few at a time (a cloud store answers each GET in tens of milliseconds), added in
  // sample order.
  const rawTally = new QualityTally({ now: options.now, stage: 'raw' });
  const read = pLimit(8);
  const pages = pickedPages.map((page) =>
    read(async (): Promise<RawQualityPayload> => {
      const [metaBytes, bodyBytes] = await Promise.all([store.get(page.metaKey), store.get(page.key)]);
      const meta = JSON.parse(text(metaBytes)) as RawPageMeta;
      const body = decodeUtf8(bodyBytes);
      return { format: meta.format, body: body.text, invalidUtf8: body.replacements };
    }),
  );
  // A read that fails after an earlier one threw is not left unhandled; the first is thrown.
  for (const page of pages) page.catch(() => {});
  for (const page of pages) rawTally.addPayload(await page);
  const before = rawTally.report();

  // After cleaning: whole clean chunks in key-hash order until enough postings are read.
  // Each chunk is checked against the checksum the transform recorded before its postings
  // count, so a cut or edited chunk fails here, named, instead of as a bare JSON error.
  const chunkKeys = Array.from({ length: manifest.stages.transform.chunks ?? 0 }, (_, i) =>
    cleanKey(manifest.dt, manifest.runId, i),
  );
  const ordered = chunkKeys
    .map((key, index) => ({ index, hash: byHash(key) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : 1));
  // Each chunk's postings are added as it is read, not kept for one report at the end.
  const cleanTally = new QualityTally({ now: options.now, stage: 'clean' });
  let postings = 0;
  let chunks = 0;
  for (const { index } of ordered) {
    if (postings >= (options.cleanPostings ?? 10_000)) break;
    for (const line of await readVerifiedCleanChunk(store, manifest, index)) {
      cleanTally.add(line.posting, line.bytes);
      postings += 1;
    }
    chunks += 1;
  }
  const after = cleanTally.report();
  return {
    before,
    after,
    sample: {
      rawPages: pickedPages.length,
      rawPagesTotal: bodies.length,
      cleanPostings: postings,
      cleanChunks: chunks,
      cleanChunksTotal: chunkKeys.length,
    },
  };
}
