/**
 * Reads one secret's text from AWS Secrets Manager: the collector's source API keys. The
 * client takes the region from the provider's settings and credentials and endpoint from
 * the SDK's own chain (the Lambda's role; `AWS_ENDPOINT_URL_SECRETS_MANAGER` or
 * `AWS_ENDPOINT_URL` for an emulator). A secret that is missing, empty or not readable by
 * this identity is a configuration error (exit 2) naming the secret, never its value.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ProviderError, readSetting, type Env } from '../core/index.ts';
import { AWS_CONFIG } from './config.ts';

/** Vendor error names that mean the setting, not the service, is wrong. */
const CONFIGURATION_FAULTS = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'DecryptionFailure',
  'InvalidParameterException',
  'InvalidRequestException',
]);

export async function readAwsSecret(secretId: string, env: Env): Promise<string> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // as makeS3Client: Node 20 is supported
  const region = readSetting('JOBBENCH_AWS_', AWS_CONFIG.find((f) => f.key === 'REGION')!, env)!;
  const client = new SecretsManagerClient({ region });
  try {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!answer.SecretString) {
      throw ProviderError.because('aws', 'secret.get', 'invalid-config', `secret ${secretId} holds no text value`);
    }
    return answer.SecretString;
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    const name = error instanceof Error ? error.name : 'Error';
    const code = CONFIGURATION_FAULTS.has(name) ? 'invalid-config' : 'unavailable';
    throw ProviderError.because('aws', 'secret.get', code, `cannot read secret ${secretId} (${name})`, {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}
