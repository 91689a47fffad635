/**
 * Alerting for the pipeline: the encrypted SNS topic with its e-mail subscription, the
 * pipeline's log group, and metric filters plus alarms on errors and failed runs.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter/index.js';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import { NAME, type AwsStackContext } from './context.ts';

/** What the collector and the outputs need from monitoring. */
export interface Monitoring {
  /** Receives every alarm. */
  topic: SnsTopic;
  /** Log group of the pipeline and the collector. */
  pipelineLogGroup: CloudwatchLogGroup;
}

/** Adds the alerts topic, the pipeline log group and the alarms on its errors. */
export function addMonitoring(ctx: AwsStackContext): Monitoring {
  const { scope } = ctx;
  const topic = new SnsTopic(scope, 'alerts_topic', { name: `${NAME}-alerts`, kmsMasterKeyId: ctx.key.id });
  new SnsTopicSubscription(scope, 'alerts_email', {
    topicArn: topic.arn,
    protocol: 'email',
    endpoint: ctx.vars.alertEmail.stringValue,
  });
  const pipelineLogGroup = new CloudwatchLogGroup(scope, 'pipeline_log_group', {
    name: `/${NAME}/pipeline`,
    retentionInDays: 365,
    kmsKeyId: ctx.key.arn,
  });
  // Lambda's JSON log format writes console.error lines with "level": "ERROR".
  new CloudwatchLogMetricFilter(scope, 'pipeline_errors_filter', {
    name: `${NAME}-pipeline-errors`,
    logGroupName: pipelineLogGroup.name,
    pattern: '{ $.level = "ERROR" }',
    metricTransformation: { name: 'PipelineErrors', namespace: 'Jobbench', value: '1', defaultValue: '0' },
  });
  new CloudwatchLogMetricFilter(scope, 'run_failed_filter', {
    name: `${NAME}-run-failed`,
    logGroupName: pipelineLogGroup.name,
    pattern: '{ $.event = "run.failed" }',
    metricTransformation: { name: 'RunFailures', namespace: 'Jobbench', value: '1', defaultValue: '0' },
  });
  for (const [id, metric, description] of [
    ['pipeline_errors_alarm', 'PipelineErrors', 'The pipeline or the collector logged an error'],
    ['run_failed_alarm', 'RunFailures', 'A jobbench run ended in failure'],
  ] as const) {
    new CloudwatchMetricAlarm(scope, id, {
      alarmName: `${NAME}-${metric}`,
      alarmDescription: description,
      namespace: 'Jobbench',
      metricName: metric,
      statistic: 'Sum',
      period: 3600,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      actionsEnabled: true,
      alarmActions: [topic.arn],
    });
  }
  return { topic, pipelineLogGroup };
}
