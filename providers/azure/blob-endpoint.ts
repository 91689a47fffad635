/**
 * Where Blob Storage credentials may travel. A SAS token rides in every request's query
 * string and a shared-key signature in its headers: over plain `http://` anyone on the path
 * reads (and can replay) them. So an account URL or a connection string's blob endpoint is
 * `https://`, or `http://` only to this machine (Azurite). Checked when the config is read,
 * before any request, and the message names the setting, never its value.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { ProviderError } from '../core/index.ts';
import { isLoopbackHost } from '../core/index.ts';

function refuse(message: string): ProviderError {
  return ProviderError.because('azure', 'config', 'invalid-config', message);
}

/** An account URL: https (or http on loopback), no user-info, no query (the SAS goes in JOBBENCH_AZURE_SAS_TOKEN). */
export function checkAccountUrl(setting: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse(`${setting} is not a URL (expected https://<account>.blob.core.windows.net)`);
  }
  if (url.username || url.password)
    throw refuse(`${setting} carries user-info; credentials go in JOBBENCH_AZURE_SAS_TOKEN`);
  if (url.search || url.hash)
    throw refuse(`${setting} carries a query or fragment; the SAS token goes in JOBBENCH_AZURE_SAS_TOKEN`);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw refuse(
    `${setting} must be https:// (plain http:// is accepted only for an emulator on this machine): credentials would travel in clear`,
  );
}

/**
 * The blob endpoint a connection string sends its credentials to, as the SDK itself reads
 * it (its parser takes the first of repeated keys and matches them case-sensitively, so
 * reading the string any other way could check one endpoint and connect to another).
 */
export function checkConnectionString(setting: string, connectionString: string): void {
  let url: URL;
  try {
    url = new URL(BlobServiceClient.fromConnectionString(connectionString).url);
  } catch {
    // The SDK's own message is not repeated: it is about the value, which may hold a key.
    throw refuse(`${setting} is not a connection string the Azure SDK can read`);
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw refuse(
    `${setting} sends its credentials to a plain http:// endpoint that is not on this machine (https only; http only for an emulator here)`,
  );
}
