/**
 * The root CAs Azure Database for PostgreSQL chains its server certificates to, so
 * verify-full trusts those and not every public CA: DigiCert Global Root G2 and Microsoft
 * RSA Root Certificate Authority 2017, plus DigiCert Global Root CA for the China regions
 * ("Root CAs used by Azure Database for PostgreSQL",
 * https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls, and
 * https://learn.microsoft.com/azure/postgresql/security/security-tls-how-to-connect, read 2026-12-04: the
 * certificate rotation begun 2025-11-11 changes the intermediates, "the root CAs stay the same" — except in
 * the China regions, where one root changes after the 2026 Spring Festival; those regions are not priced or
 * tested by jobbench, and JOBBENCH_AZURE_PG_CA_BUNDLE is the way to trust another root).
 * They are taken from the Mozilla roots Node itself ships (`tls.rootCertificates`), never
 * from a file of ours; `JOBBENCH_AZURE_PG_CA_BUNDLE` replaces them when set.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { ProviderError } from '../core/index.ts';

const AZURE_POSTGRES_ROOTS = [
  'DigiCert Global Root G2',
  'Microsoft RSA Root Certificate Authority 2017',
  'DigiCert Global Root CA',
];

let cached: string | null = null;

/** The PEM of the Azure PostgreSQL roots found in Node's bundle. */
export function azurePostgresRoots(): string {
  if (cached !== null) return cached;
  const pems = rootCertificates.filter((pem) => {
    const names = new X509Certificate(pem).subject.split('\n');
    return AZURE_POSTGRES_ROOTS.some((root) => names.includes(`CN=${root}`));
  });
  if (pems.length === 0) {
    throw ProviderError.because(
      'azure',
      'warehouse.open',
      'invalid-config',
      "this Node's root store has none of the Azure PostgreSQL roots: set JOBBENCH_AZURE_PG_CA_BUNDLE to a PEM file holding DigiCert Global Root G2 and Microsoft RSA Root Certificate Authority 2017",
    );
  }
  cached = pems.join('\n');
  return cached;
}
