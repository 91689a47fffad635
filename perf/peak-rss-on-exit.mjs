// Preloaded into a measured `jobbench` process (node --import): on exit it writes the process's
// peak resident set (Linux VmHWM, which covers V8, native and WebAssembly memory and the worker
// threads) in MiB to the file JOBBENCH_PEAK_RSS_FILE names. perf/npm-start-rss.ts reads it.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.JOBBENCH_PEAK_RSS_FILE;
  if (!file) return;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  const mb = match ? Number(match[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
  writeFileSync(file, String(mb));
});
