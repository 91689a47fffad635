/**
 * Microsoft Entra ID sign-in for Blob Storage and PostgreSQL flexible server, through
 * DefaultAzureCredential: in a Container Apps job its managed identity, on a workstation
 * `az login` or the AZURE_CLIENT_* variables — never a key in jobbench's settings
 * (https://learn.microsoft.com/javascript/api/@azure/identity/defaultazurecredential).
 * Entra tokens expire (about an hour), so the pg pool asks for one per new connection; the
 * credential caches and refreshes it.
 */
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { ProviderError } from '../core/index.ts';

/**
 * The scope of Azure Database for PostgreSQL tokens
 * (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-configure-sign-in-azure-ad-authentication).
 */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

export type { TokenCredential };

/** The SDK's default chain; built once per provider, its token cache shared by blob and pg. */
export function defaultAzureCredential(): TokenCredential {
  return new DefaultAzureCredential();
}

/** A password callback for the pg pool: a current Entra access token for the database scope. */
export function entraPassword(credential: TokenCredential): () => Promise<string> {
  return async () => {
    const token = await credential.getToken(POSTGRES_ENTRA_SCOPE);
    if (!token) {
      throw ProviderError.because(
        'azure',
        'warehouse.connect',
        'unauthenticated',
        'DefaultAzureCredential returned no token for Azure Database for PostgreSQL',
      );
    }
    return token.token;
  };
}
