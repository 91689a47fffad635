/**
 * The emulators jobbench starts, each on a free loopback port: how to launch it, how to
 * tell it is ready, and the environment that points the providers at it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PythonEnv } from '../tools/python/venv.ts';
import { PROJECT_ROOT, type EmulatorName } from './state.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** GCP project id the emulators answer for (any id works; none is real). */
export const EMULATED_GCP_PROJECT = 'jobbench-emulated';
/** Bucket / container name used on every emulator. */
export const EMULATED_BUCKET = 'jobbench-emulated';

/**
 * Azurite's development account: a public, documented value, not a secret
 * (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key).
 */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface LaunchContext {
  port: number;
  /** Directory for the server's files (`.jobbench/emulators/<name>`). */
  dataDir: string;
  /** The pinned Python environment, for the Python emulators. */
  python: PythonEnv | null;
}

export interface EmulatorDefinition {
  name: EmulatorName;
  /** What it stands in for, for messages. */
  describe: string;
  /** Runs from the `emulators` Python environment (tools/python/emulators.txt). */
  needsPython: boolean;
  launch(ctx: LaunchContext): { command: string; args: string[]; env?: NodeJS.ProcessEnv };
  /** A URL that answers once the server accepts requests. */
  readyUrl(port: number): string;
  /** Seconds to wait for readiness (bqemulator compiles its SQL rules on start). */
  startTimeoutS: number;
}

function venvBin(ctx: LaunchContext, script: string): string {
  if (!ctx.python) throw new Error('the emulators Python environment is missing');
  return ctx.python.bin(script);
}

export const DEFINITIONS: Readonly<Record<EmulatorName, EmulatorDefinition>> = {
  moto: {
    name: 'moto',
    describe: 'moto server (Amazon S3)',
    needsPython: true,
    launch: (ctx) => ({ command: venvBin(ctx, 'moto_server'), args: ['-H', '127.0.0.1', '-p', String(ctx.port)] }),
    readyUrl: (port) => `http://127.0.0.1:${port}/`,
    startTimeoutS: 60,
  },
  gcs: {
    name: 'gcs',
    describe: 'fake-gcs-server (Cloud Storage)',
    needsPython: true,
    launch: (ctx) => {
      const url = `http://127.0.0.1:${ctx.port}`;
      return {
        command: ctx.python?.python ?? 'python3',
        args: [
          path.join(HERE, 'gcs-launch.py'),
          '-scheme',
          'http',
          '-host',
          '127.0.0.1',
          '-port',
          String(ctx.port),
          '-backend',
          'memory',
          '-public-host',
          `127.0.0.1:${ctx.port}`,
          '-external-url',
          url,
          '-log-level',
          'warn',
        ],
      };
    },
    readyUrl: (port) => `http://127.0.0.1:${port}/storage/v1/b`,
    startTimeoutS: 60,
  },
  bigquery: {
    name: 'bigquery',
    describe: 'bqemulator (BigQuery)',
    needsPython: true,
    launch: (ctx) => ({
      command: ctx.python?.python ?? 'python3',
      args: [
        path.join(HERE, 'bq-launch.py'),
        'start',
        '--rest-host',
        '127.0.0.1',
        '--rest-port',
        String(ctx.port),
        '--grpc-host',
        '127.0.0.1',
        '--grpc-port',
        '0',
        '--project',
        EMULATED_GCP_PROJECT,
        '--ephemeral',
        '--log-level',
        'warning',
        '--log-format',
        'console',
      ],
      // DuckDB keeps its extension cache under HOME; keep it inside the emulator's folder.
      env: { ...process.env, HOME: ctx.dataDir },
    }),
    readyUrl: (port) => `http://127.0.0.1:${port}/bigquery/v2/projects/${EMULATED_GCP_PROJECT}/datasets`,
    startTimeoutS: 120,
  },
  azurite: {
    name: 'azurite',
    describe: 'Azurite (Azure Blob Storage)',
    needsPython: false,
    launch: (ctx) => ({
      command: path.join(PROJECT_ROOT, 'node_modules', '.bin', 'azurite-blob'),
      args: [
        '--location',
        ctx.dataDir,
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(ctx.port),
        // Telemetry off: it would try to reach the internet (docs/runbook.md).
        '--silent',
        '--disableTelemetry',
        '--skipApiVersionCheck',
      ],
    }),
    readyUrl: (port) => `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}?comp=list`,
    startTimeoutS: 60,
  },
};

/**
 * The environment that points each provider at the running emulators. It also says so:
 * `JOBBENCH_<CLOUD>_EMULATED=true` is how a provider knows its endpoints are this manager's
 * emulators (results are labelled emulated), since a loopback address can be a tunnel to a real cloud.
 */
export function emulatorEnvironment(
  ports: Partial<Record<EmulatorName, number>>,
  databaseUrls: { aws: string; azure: string },
): Record<string, string> {
  const env: Record<string, string> = {};
  if (ports.moto !== undefined) {
    env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${ports.moto}`;
    // moto accepts any credentials; these dummy values keep the SDK from looking further.
    env.AWS_ACCESS_KEY_ID = 'testing';
    env.AWS_SECRET_ACCESS_KEY = 'testing';
    env.JOBBENCH_AWS_BUCKET = EMULATED_BUCKET;
  }
  env.JOBBENCH_AWS_DATABASE_URL = databaseUrls.aws;
  env.JOBBENCH_AWS_EMULATED = 'true';
  if (ports.gcs !== undefined) {
    env.STORAGE_EMULATOR_HOST = `http://127.0.0.1:${ports.gcs}`;
    env.JOBBENCH_GCP_BUCKET = EMULATED_BUCKET;
  }
  if (ports.bigquery !== undefined) env.JOBBENCH_GCP_BIGQUERY_API_ENDPOINT = `http://127.0.0.1:${ports.bigquery}`;
  if (ports.gcs !== undefined || ports.bigquery !== undefined) {
    env.JOBBENCH_GCP_PROJECT = EMULATED_GCP_PROJECT;
    env.JOBBENCH_GCP_EMULATED = 'true';
  }
  if (ports.azurite !== undefined) {
    env.AZURE_STORAGE_CONNECTION_STRING =
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${ports.azurite}/${AZURITE_ACCOUNT};`;
    env.JOBBENCH_AZURE_CONTAINER = EMULATED_BUCKET;
  }
  env.JOBBENCH_AZURE_DATABASE_URL = databaseUrls.azure;
  env.JOBBENCH_AZURE_EMULATED = 'true';
  return env;
}
