/**
 * What a run has done so far, provider by provider, from its progress events: which
 * providers have a manifest in their lake (a resume can continue them) and which stages
 * each finished. Read when the run stops early, to say what was kept.
 */
import type { PipelineProgress, PipelineStage } from '../pipeline/run-pipeline.ts';

interface ProviderRecord {
  done: PipelineStage[];
  current: PipelineStage | null;
}

export class RunRecord {
  private readonly providers = new Map<string, ProviderRecord>();

  /** A pipeline reports its first stage only after writing its manifest. */
  update(provider: string, progress: PipelineProgress): void {
    const record = this.providers.get(provider) ?? { done: [], current: null };
    this.providers.set(provider, record);
    if (progress.state === 'start' || progress.state === 'progress') record.current = progress.stage;
    if ((progress.state === 'done' || progress.state === 'skipped') && !record.done.includes(progress.stage)) {
      record.done.push(progress.stage);
      record.current = null;
    }
  }

  /** Providers whose lake holds the run's manifest, in the order they ran. */
  started(): string[] {
    return [...this.providers.keys()];
  }

  /** e.g. "local: extract, transform done, load under way; aws: extract under way". */
  summary(): string {
    return [...this.providers]
      .map(([name, r]) => {
        const parts = [
          r.done.length > 0 ? `${r.done.join(', ')} done` : 'no stage done',
          ...(r.current ? [`${r.current} under way`] : []),
        ];
        return `${name}: ${parts.join(', ')}`;
      })
      .join('; ');
  }
}
