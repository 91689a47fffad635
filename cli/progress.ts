/**
 * Progress on a terminal: one line per stage, a live bar while a stage has a known total
 * (cli-progress). Off the terminal (pipes, CI, --json) nothing is drawn.
 */
import cliProgress from 'cli-progress';
import type { PipelineProgress } from '../pipeline/run-pipeline.ts';
import type { Io } from './io.ts';

export class StageProgress {
  private bar: cliProgress.SingleBar | null = null;
  private started = new Map<string, number>();

  constructor(
    private readonly io: Io,
    private readonly enabled: boolean,
  ) {}

  update(provider: string, p: PipelineProgress): void {
    if (!this.enabled) return;
    const label = `[${provider}] ${p.stage}`;
    switch (p.state) {
      case 'start':
        this.started.set(label, performance.now());
        break;
      case 'skipped':
        this.io.stderr(`${label}: skipped (${p.message ?? 'already done'})\n`);
        break;
      case 'progress':
        if (!this.bar) {
          const format = p.total ? `${label} [{bar}] {value}/{total} {detail}` : `${label} {value} pages {detail}`;
          this.bar = new cliProgress.SingleBar(
            { format, stream: process.stderr, hideCursor: true, clearOnComplete: true, fps: 10 },
            cliProgress.Presets.shades_classic,
          );
          this.bar.start(p.total ?? 0, 0, { detail: '' });
        }
        if (p.total) this.bar.setTotal(p.total);
        this.bar.update(p.done ?? 0, { detail: p.message ?? '' });
        break;
      case 'done': {
        this.stopBar();
        const ms = performance.now() - (this.started.get(label) ?? performance.now());
        this.io.stderr(`${label}: done in ${(ms / 1000).toFixed(2)} s\n`);
        break;
      }
    }
  }

  stopBar(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
