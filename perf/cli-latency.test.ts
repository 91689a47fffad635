import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeCli } from './cli-latency.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('timeCli: the wall time of one jobbench command', function () {
  this.timeout(60_000);

  it('times a command that succeeds and says which copy of the code ran', () => {
    const timing = timeCli(ROOT, ['--version']);
    assert.ok(timing.ms > 0 && timing.ms < 60_000, String(timing.ms));
    assert.equal(timing.entry, existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')) ? 'dist' : 'sources');
  });

  it('refuses to report the time of a command that failed', () => {
    assert.throws(() => timeCli(ROOT, ['no-such-command']), /exited 2/);
  });
});
