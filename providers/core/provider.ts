/**
 * A provider is one place the workload can run: an object store for the lake, a
 * warehouse, what it can do and what it costs.
 */
import type { Capabilities } from './capabilities.ts';
import type { ObjectStore } from './object-store.ts';
import type { PlatformInventory } from './platform-inventory.ts';
import type { PriceTable } from './prices.ts';
import type { Warehouse } from './warehouse.ts';

export const PROVIDER_NAMES = ['local', 'aws', 'gcp', 'azure'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface Provider {
  name: ProviderName;
  /** Cloud region (`eu-west-3`…) or `local`. */
  region: string;
  /** True when the endpoints are an emulator or the local machine: figures say nothing about the real cloud. */
  emulated: boolean;
  /** Short hash identifying the endpoint without revealing host or credentials. */
  endpointFingerprint: string;
  capabilities: Capabilities;
  store: ObjectStore;
  warehouse: Warehouse;
  /** Price table for this provider and region, or null when prices are unknown. */
  prices: PriceTable | null;
  /**
   * What the provider's deployed stack bills while it stands (from its synthesized
   * Terraform, committed as `providers/<cloud>/platform-inventory.json`); undefined or
   * null when the provider deploys no stack (local).
   */
  platform?: PlatformInventory | null;
  /** Releases every connection of the store and warehouse. */
  close(): Promise<void>;
}

/** Options every provider factory accepts; the rest comes from its env prefix. */
export interface ProviderOptions {
  /** Environment to read configuration from (defaults to process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Directory for local state (the local provider's lake and warehouse). */
  dataDir?: string;
  /** Prefix under which every lake key of this session is written (tests use a random one). */
  keyPrefix?: string;
}

export interface ProviderFactory {
  name: ProviderName;
  /**
   * Reads and validates the configuration without connecting, throwing ProviderError
   * `invalid-config` that names every key tried: a run checks every provider first, so a
   * missing setting is a usage error (exit 2) before any work starts.
   */
  checkConfig(options: ProviderOptions): void;
  /**
   * The region, price table and stack inventory a run would use, read from the environment
   * without connecting and without requiring the other settings (`jobbench run --dry-run`).
   */
  priceTable(options: ProviderOptions): {
    region: string;
    prices: PriceTable | null;
    platform?: PlatformInventory | null;
  };
  create(options: ProviderOptions): Promise<Provider>;
}
