/**
 * Reads a `node --cpu-prof` profile and prints the heaviest frames by self time and by
 * inclusive time, so the perf report can quote what dominates a run.
 *
 *   tsx perf/top-frames.ts CPU.….cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FrameCost {
  frame: string;
  selfMs: number;
  totalMs: number;
}

/** Self and inclusive milliseconds per frame (function + file + line), heaviest first by self time. */
export function topFrames(profile: Profile): FrameCost[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const name = (n: ProfileNode) => {
    const file = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|[^/]+\/[^/]+)$/, '$1');
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    self.set(name(node), (self.get(name(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + us);
    }
  }
  return [...total.keys()].map((frame) => ({
    frame,
    selfMs: (self.get(frame) ?? 0) / 1000,
    totalMs: (total.get(frame) ?? 0) / 1000,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: top-frames.ts PROFILE.cpuprofile [--top N]');
  const i = process.argv.indexOf('--top');
  const top = i >= 0 ? Number(process.argv[i + 1]) : 25;
  const frames = topFrames(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const fmt = (f: FrameCost) => `${f.selfMs.toFixed(0).padStart(7)} ${f.totalMs.toFixed(0).padStart(7)}  ${f.frame}`;
  console.log('   self   total  (ms) — by self time');
  for (const f of [...frames].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) console.log(fmt(f));
  console.log('\n   self   total  (ms) — by inclusive time');
  for (const f of [...frames].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) console.log(fmt(f));
}
