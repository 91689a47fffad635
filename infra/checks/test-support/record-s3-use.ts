/**
 * What each AWS role really does to the lake, recorded on moto: each role's work
 * (./lake-work.ts) goes through the real S3 provider pointed at a recording proxy in front of
 * moto, and every request becomes the IAM grant it needs (../s3-grants.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Env } from '../../../providers/core/index.ts';
import { startRecordingProxy } from '../recording-proxy.ts';
import { impliedS3Grants, type LakeGrant, lakeGrant, s3RequestGrant } from '../s3-grants.ts';
import { LAKE_ROLES, LAKE_WORK, LIVE_SOURCE_USE, type LakeRole } from './lake-work.ts';

/** Runs `work` with the S3 provider's endpoint behind a recording proxy and returns the grants its requests needed. */
async function recordS3(
  emulatorEnv: Env,
  keyPrefix: string,
  work: (env: Env, keyPrefix: string) => Promise<void>,
): Promise<Set<LakeGrant>> {
  const endpoint = emulatorEnv.JOBBENCH_AWS_S3_ENDPOINT || emulatorEnv.AWS_ENDPOINT_URL_S3;
  if (!endpoint) throw new Error('no S3 emulator endpoint in the environment');
  const proxy = await startRecordingProxy(endpoint);
  const bucket = emulatorEnv.JOBBENCH_AWS_BUCKET ?? 'jobbench';
  try {
    await work({ ...emulatorEnv, JOBBENCH_AWS_S3_ENDPOINT: proxy.url, AWS_ENDPOINT_URL_S3: proxy.url }, keyPrefix);
  } finally {
    await proxy.close();
  }
  const grants = proxy.requests
    .map((r) => s3RequestGrant(r.method, r.url, bucket, keyPrefix))
    .filter((g): g is LakeGrant => g !== null);
  return impliedS3Grants(grants);
}

const LIVE_SOURCE_GRANTS = LIVE_SOURCE_USE.map(({ action, prefix }) =>
  lakeGrant(action === 'read' ? 's3:GetObject' : 's3:PutObject', prefix),
);

const freshPrefix = () => `permissions-${randomBytes(4).toString('hex')}/`;

/**
 * The S3 grants each role needs, recorded against moto (`emulatorEnv`: the emulators' environment).
 * The runner and the pipeline share one lake prefix, the runner first: the operator's
 * `results pull` then reads what the runner published, as it does in a deployed stack.
 */
export async function recordS3LakeUse(emulatorEnv: Env): Promise<Record<LakeRole, Set<LakeGrant>>> {
  const used = {} as Record<LakeRole, Set<LakeGrant>>;
  const shared = freshPrefix();
  for (const role of LAKE_ROLES) {
    const keyPrefix = role === 'collector' ? freshPrefix() : shared;
    const recorded = await recordS3(emulatorEnv, keyPrefix, (env, prefix) => LAKE_WORK[role]('aws', env, prefix));
    used[role] = impliedS3Grants([...recorded, ...LIVE_SOURCE_GRANTS]);
  }
  return used;
}
