/**
 * The kernel's own memory figures for this process (Linux `/proc/self/status`), which
 * cover native and WASM memory as well as V8's heap. MiB; null where /proc is missing.
 */
import { readFileSync } from 'node:fs';

export function procStatusMb(field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Peak resident set: VmHWM, else Node's own figure (not Linux). */
export function peakRssMb(): number {
  return procStatusMb('VmHWM') ?? process.resourceUsage().maxRSS / 1024;
}
