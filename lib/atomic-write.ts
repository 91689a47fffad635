/**
 * Writes a file through a temporary sibling and a rename, so a reader (or a crash) never
 * sees half a file: the rename replaces the target in one step on the same filesystem.
 */
import { rename, writeFile } from 'node:fs/promises';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
