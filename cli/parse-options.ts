/**
 * Parsers for option values; each throws UsageError with a sentence naming the option.
 * Commander calls them while it reads the command line, so they import only what `--help`
 * may load: the provider names from their own file, not the provider registry.
 */
import { PROVIDER_NAMES, type ProviderName } from '../providers/core/provider.ts';
import { UsageError } from './usage-error.ts';

const isProviderName = (name: string): name is ProviderName => (PROVIDER_NAMES as readonly string[]).includes(name);

export function parseProviders(value: string): ProviderName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--provider needs at least one name');
  if (names.includes('all')) return [...PROVIDER_NAMES];
  for (const name of names) {
    if (!isProviderName(name))
      throw new UsageError(`unknown provider "${name}" (known: ${PROVIDER_NAMES.join(', ')}, all)`);
  }
  return [...new Set(names)] as ProviderName[];
}

export function parseList(option: string, value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`${option} needs at least one value`);
  return [...new Set(items)];
}

export function parseNonNegativeInt(option: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${option} must be a whole number ≥ 0, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${option} is too large: ${value}`);
  return n;
}

export function parseInteger(option: string, value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`${option} must be a whole number, got "${value}"`);
  return Number(value);
}

/** `latency=1,cost=2` → { latency: 1, cost: 2 } over the known keys. */
export function parseWeights<K extends string>(value: string, known: readonly K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const part of parseList('--weights', value)) {
    const [key, raw] = part.split('=');
    if (!key || raw === undefined) throw new UsageError(`--weights takes name=number pairs, got "${part}"`);
    if (!(known as readonly string[]).includes(key))
      throw new UsageError(`unknown weight "${key}" (known: ${known.join(', ')})`);
    const weight = Number(raw);
    if (!Number.isFinite(weight) || weight < 0)
      throw new UsageError(`weight ${key} must be a number ≥ 0, got "${raw}"`);
    out[key as K] = weight;
  }
  return out;
}

export function parsePositiveInt(option: string, value: string): number {
  const n = parseNonNegativeInt(option, value);
  if (n === 0) throw new UsageError(`${option} must be at least 1`);
  return n;
}

export function parsePositiveNumber(option: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`${option} must be a number > 0, got "${value}"`);
  return n;
}
