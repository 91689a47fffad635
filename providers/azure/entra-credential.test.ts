/**
 * Microsoft Entra sign-in without an Azure account. There is no Entra ID emulator, so the
 * credential is a test double of `TokenCredential` (getToken); what it proves is the wiring:
 * which credential each client gets, the scope asked for, and that the PostgreSQL password is
 * a fresh token per connection (the wire stub sees it). Settings: JOBBENCH_AZURE_ACCOUNT,
 * a missing database, and `emulated` from JOBBENCH_AZURE_EMULATED only.
 */
import assert from 'node:assert/strict';
import type { AccessToken } from '@azure/identity';
import { emulatorEnv } from '../../emulators/test-session.ts';
import { needs } from '../../test/support/needs.ts';
import { isProviderError } from '../core/index.ts';
import { startPgWireStub, type PgWireStub } from '../testing/pg-wire-stub.ts';
import { readAzureConfig } from './config.ts';
import { POSTGRES_ENTRA_SCOPE, type TokenCredential } from './entra-credential.ts';
import { azureProvider, blobServiceClient } from './index.ts';
import { openAzurePgWarehouse } from './warehouse.ts';

/** Hands out `entra-1`, `entra-2`… and records the scopes asked for. */
function credentialDouble(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(scope: string | string[]): Promise<AccessToken> {
      scopes.push(...[scope].flat());
      return { token: `entra-${scopes.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

describe('azure settings and Entra sign-in', function () {
  const base = { JOBBENCH_AZURE_CONTAINER: 'lake' };

  it('builds the account URL from JOBBENCH_AZURE_ACCOUNT, the name the stack gives its job', function () {
    const config = readAzureConfig({ ...base, JOBBENCH_AZURE_ACCOUNT: 'jobbenchlake01' });
    assert.equal(config.accountUrl, 'https://jobbenchlake01.blob.core.windows.net');
    assert.equal(config.sasToken, '');
    assert.throws(
      () => readAzureConfig({ ...base, JOBBENCH_AZURE_ACCOUNT: 'Not_An.Account' }),
      /JOBBENCH_AZURE_ACCOUNT must be a storage account name/,
    );
  });

  it('signs Blob Storage in with the Entra credential only when neither a connection string nor a SAS is set', function () {
    let built = 0;
    const credential = credentialDouble();
    const factory = () => {
      built += 1;
      return credential;
    };
    const entra = blobServiceClient(
      readAzureConfig({ ...base, JOBBENCH_AZURE_ACCOUNT: 'jobbenchlake01' }),
      undefined,
      factory,
    );
    assert.equal(entra.credential, credential);
    assert.equal(entra.url, 'https://jobbenchlake01.blob.core.windows.net/');
    const sas = readAzureConfig({
      ...base,
      JOBBENCH_AZURE_ACCOUNT: 'jobbenchlake01',
      JOBBENCH_AZURE_SAS_TOKEN: 'sv=x&sig=y',
    });
    assert.notEqual(blobServiceClient(sas, undefined, factory).credential, credential);
    assert.equal(built, 1);
  });

  it('refuses to send a bearer token to Azurite over plain http (the SDK’s own rule), so the Entra path is tested to construction here', async function () {
    needs(this, 'emulators');
    const blobEndpoint = /BlobEndpoint=([^;]+)/.exec(emulatorEnv('azure').AZURE_STORAGE_CONNECTION_STRING ?? '')?.[1];
    assert.ok(blobEndpoint);
    const credential = credentialDouble();
    const config = readAzureConfig({ ...base, JOBBENCH_AZURE_ACCOUNT_URL: blobEndpoint });
    const service = blobServiceClient(config, undefined, () => credential);
    await assert.rejects(service.getContainerClient('lake').exists(), /Bearer token authentication is not permitted/);
    assert.deepEqual(credential.scopes, []);
  });

  it('refuses a run with no database setting, naming it, instead of using the emulator database', function () {
    assert.throws(
      () => azureProvider.checkConfig({ env: { ...base, JOBBENCH_AZURE_ACCOUNT: 'jobbenchlake01' } }),
      (error: unknown) =>
        isProviderError(error) && error.code === 'invalid-config' && /JOBBENCH_AZURE_DATABASE_URL/.test(error.message),
    );
  });

  it('does not call loopback endpoints emulated without JOBBENCH_AZURE_EMULATED=true', async function () {
    const env = {
      ...base,
      JOBBENCH_AZURE_ACCOUNT_URL: 'http://127.0.0.1:9/devstoreaccount1',
      JOBBENCH_AZURE_SAS_TOKEN: 'sv=x&sig=y',
      JOBBENCH_AZURE_DATABASE_URL: 'postgres://jobbench@127.0.0.1:9/jobbench',
    };
    const provider = await azureProvider.create({ env });
    try {
      assert.equal(provider.emulated, false);
    } finally {
      await provider.close();
    }
    assert.equal(readAzureConfig({ ...env, JOBBENCH_AZURE_EMULATED: 'true' }).emulated, true);
  });
});

describe('Azure PostgreSQL with JOBBENCH_AZURE_PG_ENTRA_AUTH=true (wire stub)', function () {
  let stub: PgWireStub;

  before(async function () {
    stub = await startPgWireStub();
  });

  after(async function () {
    await stub?.close();
  });

  it('sends a fresh Entra token for the PostgreSQL scope as the password of each new connection', async function () {
    const env = {
      JOBBENCH_AZURE_CONTAINER: 'lake',
      JOBBENCH_AZURE_ACCOUNT: 'jobbenchlake01',
      JOBBENCH_AZURE_DATABASE_URL: `postgres://jobbench-runner@127.0.0.1:${stub.port}/jobbench`,
      JOBBENCH_AZURE_PG_ENTRA_AUTH: 'true',
    };
    const credential = credentialDouble();
    const warehouse = await openAzurePgWarehouse(readAzureConfig(env), env, { credential: () => credential });
    try {
      await assert.rejects(warehouse.migrate());
      await assert.rejects(warehouse.migrate());
    } finally {
      await warehouse.close().catch(() => undefined);
    }
    assert.ok(credential.scopes.length >= 2, `${credential.scopes.length} token(s)`);
    assert.ok(credential.scopes.every((scope) => scope === POSTGRES_ENTRA_SCOPE));
    assert.deepEqual(
      stub.connections.map((c) => c.clearPassword),
      credential.scopes.map((_, i) => `entra-${i + 1}`),
    );
  });
});
