// Which SendRawEmail failures clearly did not send (retried as usual) and which may have (maybe sent).
import { describe, expect, it } from 'vitest';
import { MessageRejected } from '@aws-sdk/client-ses';
import { sesRefusedOrNeverReached } from '../../../lambdas/core/mail/mailer.ts';

const networkError = (fields: Record<string, unknown>) => Object.assign(new Error('network'), { $metadata: { attempts: 1 } }, fields);

describe('sesRefusedOrNeverReached', () => {
  it.each([
    ['SES refused the message', new MessageRejected({ message: 'Email address is not verified', $metadata: { httpStatusCode: 400 } })],
    ['SES throttled', Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } })],
    ['SES failed inside', Object.assign(new Error('internal'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } })],
    ['nothing listens', networkError({ code: 'ECONNREFUSED' })],
    ['the name does not resolve', networkError({ code: 'ENOTFOUND' })],
    ['no route', networkError({ code: 'EHOSTUNREACH' })],
    ['no credentials', Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' })],
    [
      'the connection never opened in time',
      networkError({ name: 'TimeoutError', message: '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.' }),
    ],
  ])('not sent: %s', (_, error) => {
    expect(sesRefusedOrNeverReached(error)).toBe(true);
  });

  it.each([
    ['the connection was reset after connecting', networkError({ name: 'TimeoutError', code: 'ECONNRESET' })],
    ['the socket closed while writing', networkError({ name: 'TimeoutError', code: 'EPIPE' })],
    ['no answer within the request timeout', networkError({ name: 'TimeoutError', code: 'ETIMEDOUT', message: 'a request has exceeded the configured 30000 ms requestTimeout.' })],
    ['a success answer that could not be read', Object.assign(new Error('Deserialization error'), { $metadata: { httpStatusCode: 200 } })],
    ['an error nobody expected', new Error('boom')],
    ['something thrown that is not an error', 'boom'],
  ])('maybe sent: %s', (_, error) => {
    expect(sesRefusedOrNeverReached(error)).toBe(false);
  });
});
