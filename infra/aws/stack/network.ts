/**
 * Private VPC for the database: two subnets in two AZs (RDS requires it), no internet
 * gateway, an emptied default security group and flow logs to the access-log bucket.
 */
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { NAME, type AwsStackContext } from './context.ts';

/** Where the database goes. */
export interface DbNetwork {
  subnetIds: string[];
  dbSecurityGroup: SecurityGroup;
}

/** Private VPC for the database: two subnets in two AZs (RDS requires it), no internet gateway. */
export function addDbNetwork(ctx: AwsStackContext, logs: S3Bucket): DbNetwork {
  const { scope } = ctx;
  const vpc = new Vpc(scope, 'vpc', {
    cidrBlock: '10.42.0.0/16',
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags: { Name: `${NAME}-vpc` },
  });
  // The default security group of a VPC allows all traffic between its members; empty it.
  new DefaultSecurityGroup(scope, 'vpc_default_security_group', { vpcId: vpc.id });
  new FlowLog(scope, 'vpc_flow_log', {
    vpcId: vpc.id,
    trafficType: 'ALL',
    logDestinationType: 's3',
    logDestination: `${logs.arn}/vpc-flow/`,
  });
  const subnetIds = [0, 1].map(
    (index) =>
      new Subnet(scope, `db_subnet_${index}`, {
        vpcId: vpc.id,
        cidrBlock: `10.42.${index + 1}.0/24`,
        // Zones named outright (a, b): the set never grows behind our back when AWS adds a zone.
        availabilityZone: `${ctx.vars.region.stringValue}${'ab'[index]}`,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${NAME}-db-${index}` },
      }).id,
  );
  const dbSecurityGroup = new SecurityGroup(scope, 'db_security_group', {
    name: `${NAME}-db`,
    description: 'PostgreSQL from the allowed CIDR only; no egress',
    vpcId: vpc.id,
    ingress: [
      {
        description: 'PostgreSQL from the allowed CIDR',
        protocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        cidrBlocks: [ctx.vars.allowedCidr.stringValue],
      },
    ],
    egress: [],
  });
  return { subnetIds, dbSecurityGroup };
}
