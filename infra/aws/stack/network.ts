/**
 * Private VPC for the database and the in-region runner: two subnets in two AZs (RDS
 * requires it), no internet gateway, an emptied default security group, flow logs to the
 * access-log bucket, and a gateway endpoint through which the runner reaches S3 (gateway
 * endpoints for S3 have no hourly or data charge:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html, read 2026-12-05).
 */
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
import { NAME, type AwsStackContext } from './context.ts';

/** Where the database and the runner go. */
export interface DbNetwork {
  vpc: Vpc;
  subnetIds: string[];
  dbSecurityGroup: SecurityGroup;
  /** The runner's group: no ingress; its egress rules (to the database and S3 only) are added by runner.ts. */
  runnerSecurityGroup: SecurityGroup;
  /** The S3 gateway endpoint: its prefix list is the runner's only way out besides the database. */
  s3Endpoint: VpcEndpoint;
}

/** Private VPC for the database and the runner: two subnets in two AZs (RDS requires it), no internet gateway. */
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
  // No inline rules: Terraform removes the allow-all egress AWS adds to a new group, and the
  // runner's two egress rules are separate resources (inline rules and rule resources must not mix).
  const runnerSecurityGroup = new SecurityGroup(scope, 'runner_security_group', {
    name: `${NAME}-runner`,
    description: 'The in-region runner: out to PostgreSQL and the S3 endpoint only',
    vpcId: vpc.id,
  });
  const dbSecurityGroup = new SecurityGroup(scope, 'db_security_group', {
    name: `${NAME}-db`,
    description: 'PostgreSQL from the allowed CIDR and the runner only; no egress',
    vpcId: vpc.id,
    ingress: [
      {
        description: 'PostgreSQL from the in-region runner',
        protocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        securityGroups: [runnerSecurityGroup.id],
      },
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
  const s3Endpoint = new VpcEndpoint(scope, 's3_gateway_endpoint', {
    vpcId: vpc.id,
    serviceName: `com.amazonaws.${ctx.vars.region.stringValue}.s3`,
    vpcEndpointType: 'Gateway',
    // The subnets have no route table of their own: they use the VPC's main one.
    routeTableIds: [vpc.mainRouteTableId],
    tags: { Name: `${NAME}-s3` },
  });
  return { vpc, subnetIds, dbSecurityGroup, runnerSecurityGroup, s3Endpoint };
}
