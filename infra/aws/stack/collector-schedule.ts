/**
 * Runs the collector once a day with EventBridge Scheduler: its own role (invoke the
 * function, use the key), two retries, and the collector's dead-letter queue for
 * invocations that never reached the function.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule/index.js';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { NAME, type AwsStackContext } from './context.ts';

/** Adds the scheduler role and the daily schedule that invokes `fn`. */
export function addCollectorSchedule(ctx: AwsStackContext, fn: LambdaFunction, dlq: SqsQueue): void {
  const { scope } = ctx;
  const schedulerRole = new IamRole(scope, 'scheduler_role', {
    name: `${NAME}-scheduler`,
    assumeRolePolicy: ctx.policy('scheduler_trust', [
      {
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['scheduler.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ctx.account.accountId] }],
      },
    ]).json,
  });
  new IamRolePolicy(scope, 'scheduler_policy', {
    name: `${NAME}-scheduler`,
    role: schedulerRole.id,
    policy: ctx.policy('scheduler_policy_document', [
      { sid: 'InvokeCollector', actions: ['lambda:InvokeFunction'], resources: [fn.arn] },
      { sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [dlq.arn] },
      { sid: 'UseKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [ctx.key.arn] },
    ]).json,
  });
  new SchedulerSchedule(scope, 'collector_schedule', {
    name: `${NAME}-collector-daily`,
    description: 'Runs the collector every morning, Paris time',
    scheduleExpression: 'cron(0 6 * * ? *)',
    scheduleExpressionTimezone: 'Europe/Paris',
    flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 15 },
    kmsKeyArn: ctx.key.arn,
    target: {
      arn: fn.arn,
      roleArn: schedulerRole.arn,
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      deadLetterConfig: { arn: dlq.arn },
    },
  });
}
