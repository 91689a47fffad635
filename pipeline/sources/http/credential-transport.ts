/**
 * Credentials never travel in clear over the network: a source refuses to start when an
 * endpoint that receives its keys is plain `http://` on a host other than this machine
 * (a mistyped base URL, a test setting left in place). Loopback stays allowed for local
 * stand-ins and tests, since nothing then leaves the machine.
 */
import { isLoopbackHost } from '../../../providers/core/index.ts';
import { ConfigurationError } from '../../errors.ts';

export interface CredentialEndpoint {
  /** The variable (or option) that sets the URL, named in the refusal. */
  setting: string;
  url: string;
}

/**
 * Throws a ConfigurationError (exit 2) naming the source, the URL's setting and the
 * credential variables — never a value — when an endpoint would receive them in clear.
 */
export function refuseCleartextCredentials(
  source: string,
  endpoints: readonly CredentialEndpoint[],
  credentialVariables: readonly string[],
): void {
  for (const { setting, url } of endpoints) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigurationError(`source "${source}": ${setting} is not a URL`);
    }
    if (parsed.protocol === 'https:') continue;
    if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) continue;
    throw new ConfigurationError(
      `source "${source}": ${setting} is ${parsed.protocol === 'http:' ? 'plain http:// to a host other than this machine' : `not an https:// URL (${parsed.protocol})`}, so ${credentialVariables.join(' and ')} would travel unencrypted; use an https:// URL`,
    );
  }
}
