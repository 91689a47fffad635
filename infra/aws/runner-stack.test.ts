/**
 * The in-region runner's place in the AWS stack, read from the synthesized JSON: inside the
 * VPC, out to PostgreSQL and the S3 gateway endpoint only, signing in to RDS with IAM over
 * verified TLS, and nothing in its environment that a config reader would refuse or a reader of
 * the JSON could use as a password.
 */
import assert from 'node:assert/strict';
import { Testing } from 'cdktf';
import { AWS_CONFIG } from '../../providers/aws/config.ts';
import { AwsStack } from './stack.ts';

// biome-ignore lint/suspicious/noExplicitAny: untyped synthesized Terraform JSON, read by deep paths
type Body = Record<string, any>;
const doc = JSON.parse(Testing.synth(new AwsStack(Testing.app(), 'aws'))) as {
  resource: Record<string, Record<string, Body>>;
  output: Record<string, Body>;
};
const resource = (type: string, name: string): Body => {
  const body = doc.resource[type]?.[name];
  assert.ok(body, `${type}.${name} exists`);
  return body;
};

describe('AWS stack: the in-region runner', function () {
  this.timeout(60_000);
  const runner = resource('aws_lambda_function', 'runner');

  it('runs in the database subnets with its own security group, and is published as an output', () => {
    assert.deepEqual(runner.vpc_config.subnet_ids, ['${aws_subnet.db_subnet_0.id}', '${aws_subnet.db_subnet_1.id}']);
    assert.deepEqual(runner.vpc_config.security_group_ids, ['${aws_security_group.runner_security_group.id}']);
    assert.equal(doc.output.runner_function!.value, '${aws_lambda_function.runner.function_name}');
  });

  it('reaches PostgreSQL and the S3 gateway endpoint only, and the database admits it', () => {
    const group = resource('aws_security_group', 'runner_security_group');
    assert.equal(group.ingress, undefined);
    assert.equal(group.egress, undefined); // rules are separate resources; Terraform drops AWS's allow-all default
    const egress = Object.values(doc.resource.aws_vpc_security_group_egress_rule ?? {}).filter(
      (rule) => rule.security_group_id === '${aws_security_group.runner_security_group.id}',
    );
    assert.deepEqual(egress.map((r) => [r.from_port, r.referenced_security_group_id ?? r.prefix_list_id]).sort(), [
      [443, '${aws_vpc_endpoint.s3_gateway_endpoint.prefix_list_id}'],
      [5432, '${aws_security_group.db_security_group.id}'],
    ]);
    assert.ok(egress.every((r) => r.cidr_ipv4 === undefined && r.ip_protocol === 'tcp'));
    const endpoint = resource('aws_vpc_endpoint', 's3_gateway_endpoint');
    assert.equal(endpoint.vpc_endpoint_type, 'Gateway');
    assert.deepEqual(endpoint.route_table_ids, ['${aws_vpc.vpc.main_route_table_id}']);
    const fromRunner = resource('aws_security_group', 'db_security_group').ingress.filter((rule: Body) =>
      (rule.security_groups ?? []).includes('${aws_security_group.runner_security_group.id}'),
    );
    assert.deepEqual(
      fromRunner.map((r: Body) => [r.from_port, r.to_port, r.protocol]),
      [[5432, 5432, 'tcp']],
    );
  });

  it('signs in with a fresh IAM token per connection over verified TLS; no password anywhere', () => {
    const env = runner.environment.variables as Record<string, string>;
    assert.equal(env.JOBBENCH_AWS_PG_IAM_AUTH, 'true');
    assert.equal(env.JOBBENCH_AWS_PG_TLS, 'verify-full');
    assert.equal(env.JOBBENCH_AWS_RDS_CA_BUNDLE, '/var/runtime/ca-cert.pem');
    // The address, port and name are interpolations until apply; stand-ins make the rest parseable.
    const url = new URL(
      env.JOBBENCH_AWS_DATABASE_URL!.replace(/\$\{[^}]*port[^}]*\}/, '5432').replace(/\$\{[^}]+\}/g, 'h'),
    );
    assert.equal(url.password, '');
    assert.equal(url.username, 'jobbench_pipeline');
    const known = new Set(AWS_CONFIG.map((f) => `JOBBENCH_AWS_${f.key}`));
    assert.deepEqual(
      Object.keys(env).filter((name) => !known.has(name)),
      [],
    );
    const policy = JSON.stringify(doc);
    assert.ok(!/secretsmanager:GetSecretValue[^\]]*runner/.test(policy));
  });
});
