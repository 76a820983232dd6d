// The CLI's one-line error report: chosen by the error's class, never by matching its message.
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { describeCliError } from '../../../bin/cli/errors.ts';
import { NotFoundError, ValidationError } from '../../../lambdas/core/errors.ts';

const env = { AWS_ENDPOINT_URL_DYNAMODB: 'http://localhost:8000' };

describe('describeCliError', () => {
  it('prints our own errors as they are', () => {
    expect(describeCliError(new NotFoundError('no RM with id rm-9'), env)).toBe('no RM with id rm-9');
    expect(describeCliError(new ValidationError('--until 2026-01-01 must be after today'), env)).toBe('--until 2026-01-01 must be after today');
  });

  it('explains a missing table, missing credentials and a refused connection', () => {
    const missing = new ResourceNotFoundException({ message: 'Cannot do operations on a non-existent table', $metadata: {} });
    expect(describeCliError(missing, env)).toMatch(/^the table was not found .*check TABLE_NAME/);
    const credentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(describeCliError(credentials, env)).toMatch(/^no AWS credentials .*AWS_PROFILE/);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    expect(describeCliError(refused, env)).toBe('cannot reach http://localhost:8000; is the local stack running (npm start)?');
    expect(describeCliError(new AggregateError([refused]), env)).toMatch(/^cannot reach/);
  });

  it('does not take a message that merely mentions credentials for a credentials error', () => {
    expect(describeCliError(new Error('the credential column is empty'), env)).toBe('the credential column is empty');
  });

  it('prints the stack when asked for debug output', () => {
    expect(describeCliError(new NotFoundError('no RM'), { RM_RADAR_LOG_LEVEL: 'debug' })).toMatch(/^NotFoundError: no RM\n\s+at /);
  });
});
