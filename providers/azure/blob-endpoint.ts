/**
 * Where Blob Storage credentials may travel. A SAS token rides in every request's query
 * string and a shared-key signature in its headers: over plain `http://` anyone on the path
 * reads (and can replay) them. So an account URL or a connection string's blob endpoint is
 * `https://`, or `http://` only to this machine (Azurite). Checked when the config is read,
 * before any request, and the message names the setting, never its value.
 */
import { ProviderError } from '../core/index.ts';
import { isLoopbackHost } from '../postgres/pg-destination.ts';

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
  if (url.username || url.password) throw refuse(`${setting} carries user-info; credentials go in JOBBENCH_AZURE_SAS_TOKEN`);
  if (url.search || url.hash) throw refuse(`${setting} carries a query or fragment; the SAS token goes in JOBBENCH_AZURE_SAS_TOKEN`);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw refuse(`${setting} must be https:// (plain http:// is accepted only for an emulator on this machine): credentials would travel in clear`);
}

/** The blob endpoint a connection string sends its credentials to, checked like an account URL. */
export function checkConnectionString(setting: string, connectionString: string): void {
  const fields = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  if (connectionString.trim().toLowerCase() === 'usedevelopmentstorage=true') return;
  const blobEndpoint = fields.get('blobendpoint');
  if (blobEndpoint) {
    checkAccountUrl(`${setting} (its BlobEndpoint)`, blobEndpoint);
    return;
  }
  // Without BlobEndpoint the SDK builds <protocol>://<account>.blob.<suffix>: a cloud host, so https only.
  const protocol = (fields.get('defaultendpointsprotocol') ?? 'https').toLowerCase();
  if (protocol !== 'https') throw refuse(`${setting} must use DefaultEndpointsProtocol=https: credentials would travel in clear`);
}
