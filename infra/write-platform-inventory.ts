/**
 * `npm run infra:inventory`: synthesizes the three stacks and writes each cloud's platform
 * inventory to `providers/<cloud>/platform-inventory.json`, the file its provider reports
 * and the cost model prices. Run it after changing a stack; a test fails while a committed
 * inventory differs from what synth gives.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { awsPlatformInventory } from '../providers/aws/platform-inventory.ts';
import { azurePlatformInventory } from '../providers/azure/platform-inventory.ts';
import type { PlatformInventory } from '../providers/core/platform-inventory.ts';
import type { TerraformDocument } from '../providers/core/terraform-inventory.ts';
import { gcpPlatformInventory } from '../providers/gcp/platform-inventory.ts';
import { INFRA_CLOUDS, synthStacks, type InfraCloud } from './app.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const INVENTORY: Record<InfraCloud, (doc: TerraformDocument) => PlatformInventory> = {
  aws: awsPlatformInventory,
  gcp: gcpPlatformInventory,
  azure: azurePlatformInventory,
};

/** Where a cloud's committed inventory lives. */
export function inventoryPath(cloud: InfraCloud): string {
  return path.join(HERE, '..', 'providers', cloud, 'platform-inventory.json');
}

/** The committed file's text for an inventory: two-space JSON and a final newline. */
export function inventoryText(inventory: PlatformInventory): string {
  return `${JSON.stringify(inventory, null, 2)}\n`;
}

/** Synthesizes every stack into a scratch directory (removed afterwards) and derives each inventory. */
export async function synthPlatformInventories(): Promise<Record<InfraCloud, PlatformInventory>> {
  const outdir = await mkdtemp(path.join(tmpdir(), 'jobbench-inventory-'));
  try {
    const out = {} as Record<InfraCloud, PlatformInventory>;
    for (const stack of await synthStacks({ outdir, clouds: INFRA_CLOUDS })) {
      const doc = JSON.parse(await readFile(stack.file, 'utf8')) as TerraformDocument;
      out[stack.cloud] = INVENTORY[stack.cloud](doc);
    }
    return out;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const inventories = await synthPlatformInventories();
  for (const cloud of INFRA_CLOUDS) {
    const inventory = inventories[cloud];
    await writeFile(inventoryPath(cloud), inventoryText(inventory));
    const unclassified = inventory.leftOut.filter((e) => e.reason.startsWith('not classified'));
    process.stdout.write(
      `${path.relative(process.cwd(), inventoryPath(cloud))}: ${inventory.lines.length} lines, ${inventory.leftOut.length} types left out\n`,
    );
    for (const e of unclassified) process.stderr.write(`  ${e.type}: ${e.reason}\n`);
    if (unclassified.length > 0) process.exitCode = 1;
  }
}
