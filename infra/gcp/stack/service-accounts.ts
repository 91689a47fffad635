/** A service account of the stack: construct id `<account_id with _>_account`, as the single-file stack named them. */
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import type { GcpStackBase } from './context.ts';

export function addServiceAccount(base: GcpStackBase, accountId: string, displayName: string): ServiceAccount {
  return new ServiceAccount(base.scope, `${accountId.replace(/-/g, '_')}_account`, {
    accountId,
    displayName,
    dependsOn: base.services,
  });
}

/** The IAM member string of a service account. */
export const memberOf = (account: ServiceAccount) => `serviceAccount:${account.email}`;
