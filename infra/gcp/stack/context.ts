/**
 * What every part of the GCP stack shares: the stack as construct scope, its variables, the
 * provider, the project look-up and the APIs the stack enables. Every part creates its
 * constructs directly on the stack with the ids the single-file stack used, so logical ids
 * (and thus deployed state) never move when the code is split differently.
 */
import type { Construct } from 'constructs';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project/index.js';
import type { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key/index.js';
import { ProjectService } from '@cdktf/provider-google/lib/project-service/index.js';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider/index.js';
import type { GcpVariables } from './variables.ts';

/** Name (and name prefix) of every named resource. */
export const NAME = 'jobbench';

/** APIs the stack uses; left enabled on destroy because other workloads of the project may need them. */
const SERVICES = [
  'bigquery.googleapis.com',
  'billingbudgets.googleapis.com',
  'cloudkms.googleapis.com',
  'cloudscheduler.googleapis.com',
  'iam.googleapis.com',
  'monitoring.googleapis.com',
  'run.googleapis.com',
  'secretmanager.googleapis.com',
  'storage.googleapis.com',
] as const;

/** The stack before its key exists. */
export interface GcpStackBase {
  /** The stack: every construct of every part is created directly on it. */
  scope: Construct;
  vars: GcpVariables;
  /** `var.project_id`. */
  project: string;
  /** `var.region`. */
  location: string;
  projectInfo: DataGoogleProject;
  /** The enabled APIs: resources of those services depend on them. */
  services: ProjectService[];
}

/** What the parts after the key receive. */
export interface GcpStackContext extends GcpStackBase {
  /** The one customer-managed key (see kms.ts). */
  key: KmsCryptoKey;
}

/** Adds the provider, the project look-up and the enabled APIs. */
export function addGcpStackBase(scope: Construct, vars: GcpVariables): GcpStackBase {
  const project = vars.projectId.stringValue;
  const location = vars.region.stringValue;
  new GoogleProvider(scope, 'google', {
    project,
    region: location,
    // Every resource that takes labels gets project=jobbench.
    defaultLabels: { project: NAME },
    // Budgets API calls need a quota project when run with user credentials.
    userProjectOverride: true,
    billingProject: project,
  });
  const projectInfo = new DataGoogleProject(scope, 'project', { projectId: project });
  const services = SERVICES.map(
    (service) =>
      new ProjectService(scope, `service_${service.split('.')[0]}`, {
        service,
        disableOnDestroy: false,
        disableDependentServices: false,
      }),
  );
  return { scope, vars, project, location, projectInfo, services };
}
