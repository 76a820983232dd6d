// Turns any error into the one line a person reads, by its class; stack traces only with RM_RADAR_LOG_LEVEL=debug.
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { messageOf, RadarError } from '../../lambdas/core/errors.ts';

/** The SDK's credential chain throws this class (from @smithy/property-provider, not a dependency of ours). */
const CREDENTIALS_ERROR = 'CredentialsProviderError';

export function describeCliError(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (env.RM_RADAR_LOG_LEVEL === 'debug' && error instanceof Error) return error.stack ?? error.message;
  // Our own errors are written for the operator at the terminal and name ids only.
  if (error instanceof RadarError) return error.message;
  if (error instanceof ResourceNotFoundException) {
    return `the table was not found (${messageOf(error)}); check TABLE_NAME, AWS_REGION and AWS_ENDPOINT_URL_DYNAMODB`;
  }
  if (error instanceof Error && error.name === CREDENTIALS_ERROR) {
    return `no AWS credentials (${messageOf(error)}); set AWS_PROFILE, or point AWS_ENDPOINT_URL_DYNAMODB at DynamoDB Local`;
  }
  if (isConnectionRefused(error)) {
    return `cannot reach ${env.AWS_ENDPOINT_URL_DYNAMODB ?? 'DynamoDB'}; is the local stack running (npm start)?`;
  }
  return messageOf(error);
}

/** Node reports a refused connection as a system error with code ECONNREFUSED, alone or inside an AggregateError. */
function isConnectionRefused(error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code === 'ECONNREFUSED') return true;
  return error instanceof AggregateError && error.errors.some(isConnectionRefused);
}
