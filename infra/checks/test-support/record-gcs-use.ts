/**
 * What each GCP service account really does to the lake, recorded on the Cloud Storage
 * emulator (fake-gcs-server, started by `jobbench emulators`): each role's work
 * (./lake-work.ts) goes through the real GCP provider pointed at a recording proxy, and every
 * JSON API request becomes the IAM permission it needs (../gcs-grants.ts).
 *
 * The runner and the operator's pipeline share one lake, as deployed: the runner's work is
 * recorded first, then the pipeline's on the same prefix, so its `jobbench results pull`
 * reads what the runner published there.
 */
import { randomBytes } from 'node:crypto';
import type { Env } from '../../../providers/core/index.ts';
import { CREATE, DELETE, GET, gcsRequestGrants, type LakeGrant } from '../gcs-grants.ts';
import { startRecordingProxy } from '../recording-proxy.ts';
import { lakeGrant } from '../s3-grants.ts';
import { LAKE_ROLES, LAKE_WORK, LIVE_SOURCE_USE, type LakeRole } from './lake-work.ts';

/** Runs `role`'s work with the Cloud Storage endpoint behind a recording proxy; returns the grants its requests needed. */
async function recordGcs(emulatorEnv: Env, role: LakeRole, keyPrefix: string, existing: Set<string>) {
  const endpoint = emulatorEnv.JOBBENCH_GCP_STORAGE_ENDPOINT || emulatorEnv.STORAGE_EMULATOR_HOST;
  if (!endpoint) throw new Error('no Cloud Storage emulator endpoint in the environment');
  const proxy = await startRecordingProxy(endpoint);
  try {
    // Both names: the provider reads its own setting first, @google-cloud/storage the SDK's.
    await LAKE_WORK[role](
      'gcp',
      { ...emulatorEnv, JOBBENCH_GCP_STORAGE_ENDPOINT: proxy.url, STORAGE_EMULATOR_HOST: proxy.url },
      keyPrefix,
    );
  } finally {
    await proxy.close();
  }
  return gcsRequestGrants(proxy.requests, emulatorEnv.JOBBENCH_GCP_BUCKET ?? 'jobbench', keyPrefix, existing);
}

/**
 * The live sources' state objects (./lake-work.ts LIVE_SOURCE_USE) on Cloud Storage: read, and
 * written whole over last run's copy, which replaces an object and so needs
 * storage.objects.delete as well as storage.objects.create.
 */
const LIVE_SOURCE_GRANTS = LIVE_SOURCE_USE.flatMap(({ action, prefix }) =>
  action === 'read' ? [lakeGrant(GET, prefix)] : [lakeGrant(CREATE, prefix), lakeGrant(DELETE, prefix)],
);

const freshPrefix = () => `permissions-${randomBytes(4).toString('hex')}/`;

/** The Cloud Storage grants each role needs, recorded against the emulator (`emulatorEnv`: the emulators' environment). */
export async function recordGcsLakeUse(emulatorEnv: Env): Promise<Record<LakeRole, Set<LakeGrant>>> {
  const shared = { keyPrefix: freshPrefix(), existing: new Set<string>() };
  const order: LakeRole[] = ['collector', 'runner', 'pipeline'];
  if (order.length !== LAKE_ROLES.length || !LAKE_ROLES.every((r) => order.includes(r)))
    throw new Error(`record every role: ${LAKE_ROLES.join(', ')}`);
  const used = {} as Record<LakeRole, Set<LakeGrant>>;
  for (const role of order) {
    const lake = role === 'collector' ? { keyPrefix: freshPrefix(), existing: new Set<string>() } : shared;
    const recorded = await recordGcs(emulatorEnv, role, lake.keyPrefix, lake.existing);
    used[role] = new Set([...recorded, ...LIVE_SOURCE_GRANTS]);
  }
  return used;
}
