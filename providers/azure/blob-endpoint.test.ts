import assert from 'node:assert/strict';
import { hasErrorCode } from '../core/index.ts';
import { readAzureConfig } from './config.ts';

const SAS = 'sv=2024-11-04&sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D';
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const base = {
  JOBBENCH_AZURE_CONTAINER: 'lake',
  JOBBENCH_AZURE_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/jobbench_azure',
};

describe('azure blob endpoint: credentials never travel over plain http to another machine', () => {
  it('refuses an account URL or a connection string that would send a SAS or a shared key in clear, naming the setting and never the value', () => {
    const hostile: Record<string, string>[] = [
      { JOBBENCH_AZURE_ACCOUNT_URL: 'http://stjobbench1234.blob.core.windows.net', JOBBENCH_AZURE_SAS_TOKEN: SAS },
      { JOBBENCH_AZURE_ACCOUNT_URL: 'http://127.evil.example:10000/devstoreaccount1', JOBBENCH_AZURE_SAS_TOKEN: SAS },
      { JOBBENCH_AZURE_ACCOUNT_URL: `https://stjobbench1234.blob.core.windows.net?${SAS}` },
      { JOBBENCH_AZURE_ACCOUNT_URL: 'https://a:b@stjobbench1234.blob.core.windows.net', JOBBENCH_AZURE_SAS_TOKEN: SAS },
      { JOBBENCH_AZURE_ACCOUNT_URL: 'not a url', JOBBENCH_AZURE_SAS_TOKEN: SAS },
      {
        JOBBENCH_AZURE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=stjobbench1234;AccountKey=${AZURITE_KEY};EndpointSuffix=core.windows.net`,
      },
      {
        JOBBENCH_AZURE_CONNECTION_STRING: `BlobEndpoint=http://evil.example:10000/devstoreaccount1;SharedAccessSignature=${SAS}`,
      },
      {
        JOBBENCH_AZURE_CONNECTION_STRING: `DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://10.0.0.5:10000/devstoreaccount1;`,
      },
      // The SDK takes the first of repeated keys, and keys case-sensitively: what it connects to is what counts.
      {
        JOBBENCH_AZURE_CONNECTION_STRING: `BlobEndpoint=http://evil.example/;SharedAccessSignature=${SAS};BlobEndpoint=https://stjobbench1234.blob.core.windows.net/`,
      },
      {
        JOBBENCH_AZURE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=stjobbench1234;AccountKey=${AZURITE_KEY};EndpointSuffix=core.windows.net;blobendpoint=https://stjobbench1234.blob.core.windows.net/`,
      },
      { JOBBENCH_AZURE_CONNECTION_STRING: `not a connection string ${AZURITE_KEY}` },
    ];
    for (const env of hostile) {
      assert.throws(
        () => readAzureConfig({ ...base, ...env }),
        (e) =>
          hasErrorCode(e, 'invalid-config') &&
          /JOBBENCH_AZURE_(ACCOUNT_URL|CONNECTION_STRING)/.test(String(e)) &&
          !String(e).includes('sig=') &&
          !String(e).includes(AZURITE_KEY),
        JSON.stringify(env),
      );
    }
  });

  it('accepts https, and plain http only to an emulator on this machine', () => {
    const accepted: Record<string, string>[] = [
      { JOBBENCH_AZURE_ACCOUNT_URL: 'https://stjobbench1234.blob.core.windows.net', JOBBENCH_AZURE_SAS_TOKEN: SAS },
      { JOBBENCH_AZURE_ACCOUNT_URL: 'http://127.0.0.1:10000/devstoreaccount1', JOBBENCH_AZURE_SAS_TOKEN: SAS },
      {
        JOBBENCH_AZURE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
      },
      {
        JOBBENCH_AZURE_CONNECTION_STRING: `DefaultEndpointsProtocol=https;AccountName=stjobbench1234;AccountKey=${AZURITE_KEY};EndpointSuffix=core.windows.net`,
      },
      { JOBBENCH_AZURE_CONNECTION_STRING: 'UseDevelopmentStorage=true' },
    ];
    for (const env of accepted) assert.doesNotThrow(() => readAzureConfig({ ...base, ...env }), JSON.stringify(env));
  });
});
