/**
 * What each Azure identity really does to the lake, recorded on Azurite: each role's work
 * (./lake-work.ts) goes through the real Azure provider with its Blob endpoint behind a
 * recording proxy, and every request becomes the grant it needs (../blob-grants.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Env } from '../../../providers/core/index.ts';
import { blobRequestGrant, impliedBlobGrants } from '../blob-grants.ts';
import { startRecordingProxy } from '../recording-proxy.ts';
import { type LakeGrant, lakeGrant } from '../s3-grants.ts';
import { LAKE_ROLES, LAKE_WORK, LIVE_SOURCE_USE, type LakeRole } from './lake-work.ts';

const CONNECTION_STRING = 'AZURE_STORAGE_CONNECTION_STRING';

/** `BlobEndpoint=http://127.0.0.1:port/account` of an Azurite connection string → its origin and account. */
function azuriteEndpoint(connectionString: string): { origin: string; account: string } {
  const endpoint = /(?:^|;)BlobEndpoint=([^;]+)/.exec(connectionString)?.[1];
  if (!endpoint) throw new Error('the Azurite connection string names no BlobEndpoint');
  const url = new URL(endpoint);
  return { origin: url.origin, account: url.pathname.replace(/^\/+|\/+$/g, '') };
}

/** Runs `work` with the Blob endpoint behind a recording proxy and returns the grants its requests needed. */
async function recordBlob(
  emulatorEnv: Env,
  keyPrefix: string,
  work: (env: Env, keyPrefix: string) => Promise<void>,
): Promise<Set<LakeGrant>> {
  const connectionString = emulatorEnv.JOBBENCH_AZURE_CONNECTION_STRING || emulatorEnv[CONNECTION_STRING];
  if (!connectionString) throw new Error('no Azurite connection string in the environment');
  const { origin, account } = azuriteEndpoint(connectionString);
  const container = emulatorEnv.JOBBENCH_AZURE_CONTAINER;
  if (!container) throw new Error('no JOBBENCH_AZURE_CONTAINER in the environment');
  const proxy = await startRecordingProxy(origin);
  try {
    // Shared Key signs the path, not the host, so the rewritten endpoint still authenticates.
    const proxied = connectionString.replace(origin, proxy.url);
    await work(
      { ...emulatorEnv, JOBBENCH_AZURE_CONNECTION_STRING: undefined, [CONNECTION_STRING]: proxied },
      keyPrefix,
    );
  } finally {
    await proxy.close();
  }
  const grants = proxy.requests
    .map((r) => blobRequestGrant(r.method, r.url, account, container, keyPrefix))
    .filter((g): g is LakeGrant => g !== null);
  return new Set(grants);
}

const LIVE_SOURCE_GRANTS = LIVE_SOURCE_USE.map(({ action, prefix }) =>
  lakeGrant(action === 'read' ? 'blob:read' : 'blob:write', prefix),
);

const freshPrefix = () => `permissions-${randomBytes(4).toString('hex')}/`;

/**
 * The blob grants each role needs, recorded against Azurite (`emulatorEnv`: the emulators'
 * environment). The runner goes first and the pipeline works on the runner's lake, as the
 * operator does: its `results pull` then fetches a real publication (reads under results/),
 * not an empty listing. The collector works alone.
 */
export async function recordBlobLakeUse(emulatorEnv: Env): Promise<Record<LakeRole, Set<LakeGrant>>> {
  const shared = freshPrefix();
  const prefixOf: Record<LakeRole, string> = { collector: freshPrefix(), runner: shared, pipeline: shared };
  const order = [...LAKE_ROLES].sort((a, b) => Number(a === 'pipeline') - Number(b === 'pipeline'));
  const used = {} as Record<LakeRole, Set<LakeGrant>>;
  for (const role of order) {
    const recorded = await recordBlob(emulatorEnv, prefixOf[role], (env, keyPrefix) =>
      LAKE_WORK[role]('azure', env, keyPrefix),
    );
    used[role] = impliedBlobGrants([...recorded, ...LIVE_SOURCE_GRANTS]);
  }
  return used;
}
