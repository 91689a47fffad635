import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsObjectStore } from '../../providers/local/fs-object-store.ts';
import { manifestKey } from './lake-layout.ts';
import { isDamagedManifestError, newManifest, readManifest } from './run-manifest.ts';

const RUN = '20261128T100000Z-aaaaaa';

describe('run manifest: read back for a resume', function () {
  let dir: string;
  let store: FsObjectStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobbench-manifest-'));
    store = new FsObjectStore(dir);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('a run without a manifest is null; a sound one reads back', async () => {
    assert.equal(await readManifest(store, RUN), null);
    const manifest = newManifest({
      runId: RUN,
      dt: '2026-11-28',
      startedAt: '2026-11-28T10:00:00.000Z',
      workload: { sources: ['sample'], scale: 1, seed: 1 },
    });
    await store.put(manifestKey(RUN), JSON.stringify(manifest));
    assert.deepEqual(await readManifest(store, RUN), manifest);
  });

  const sound = JSON.stringify(
    newManifest({
      runId: RUN,
      dt: '2026-11-28',
      startedAt: '2026-11-28T10:00:00.000Z',
      workload: { sources: ['sample'], scale: 1, seed: 1 },
    }),
  );
  for (const [what, text, problem] of [
    ['cut short', sound.slice(0, 60), /not JSON/],
    ['not an object', '[1, 2]', /not a JSON object/],
    ['another version', sound.replace('"manifestVersion":1', '"manifestVersion":7'), /unsupported manifest version 7/],
    ["another run's", sound.replace(RUN, '20261128T100000Z-bbbbbb'), /names run "20261128T100000Z-bbbbbb"/],
    [
      'without stages',
      JSON.stringify({ ...JSON.parse(sound), stages: { extract: {} } }),
      /stages or partition missing/,
    ],
  ] as const) {
    it(`a manifest ${what} is damaged: one message that says not to resume it`, async () => {
      await store.put(manifestKey(RUN), text);
      const error = await readManifest(store, RUN).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(isDamagedManifestError(error), String(error));
      assert.match(error.message, problem);
      assert.match(error.message, /cannot be resumed; start a new run without --resume/);
    });
  }
});
