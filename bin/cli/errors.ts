// Turns any error into the one line a person reads; stack traces only with RM_RADAR_LOG_LEVEL=debug.
import { messageOf } from '../../lambdas/core/errors.ts';

export function describeCliError(error: unknown): string {
  if (process.env.RM_RADAR_LOG_LEVEL === 'debug' && error instanceof Error) return error.stack ?? error.message;
  const name = error instanceof Error ? error.name : '';
  if (name === 'ResourceNotFoundException') {
    return `the table was not found (${messageOf(error)}); check TABLE_NAME, AWS_REGION and AWS_ENDPOINT_URL_DYNAMODB`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(messageOf(error))) {
    return `no AWS credentials (${messageOf(error)}); set AWS_PROFILE, or point AWS_ENDPOINT_URL_DYNAMODB at DynamoDB Local`;
  }
  if (/ECONNREFUSED/.test(messageOf(error)) || (error as { code?: string })?.code === 'ECONNREFUSED') {
    return `cannot reach ${process.env.AWS_ENDPOINT_URL_DYNAMODB ?? 'DynamoDB'}; is the local stack running (npm start)?`;
  }
  return messageOf(error);
}
