// Error classes and messages: what a web user may see (middy's rule), and what the logs keep.
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConflictError,
  errorLogFields,
  loggableMessage,
  NotFoundError,
  RadarError,
  UnavailableError,
  ValidationError,
} from '../../../lambdas/core/errors.ts';
import { FeedError } from '../../../lambdas/prospect-scan/feeds/errors.ts';

describe('loggableMessage', () => {
  it('masks e-mail addresses in error messages before they reach the logs', () => {
    const sesError = new Error('Email address is not verified. The following identities failed the check in region US-EAST-1: wang.min@bank.example, grace.lee@bank.example');
    expect(loggableMessage(sesError)).toBe('Email address is not verified. The following identities failed the check in region US-EAST-1: <address>, <address>');
    expect(loggableMessage('Throttling: rate exceeded')).toBe('Throttling: rate exceeded');
  });

  it('masks phone and account numbers but keeps dates and counts, on one bounded line', () => {
    expect(loggableMessage(new Error('no route to 13800138000 on 2026-03-05\nafter 3 tries'))).toBe('no route to <number> on 2026-03-05; after 3 tries');
    expect(loggableMessage('x'.repeat(1_000))).toHaveLength(300);
  });
});

describe('errorLogFields', () => {
  it('gives the class, the SDK error code and the masked message', () => {
    const sdkError = Object.assign(new Error('Throttled for li.lei@bank.example'), { name: 'ThrottlingException', code: 'ThrottlingException' });
    expect(errorLogFields(sdkError)).toEqual({ errorName: 'ThrottlingException', errorCode: 'ThrottlingException', error: 'Throttled for <address>' });
    expect(errorLogFields(new NotFoundError('no client with id C1'))).toEqual({ errorName: 'NotFoundError', error: 'no client with id C1' });
    expect(errorLogFields('boom')).toEqual({ errorName: 'string', error: 'boom' });
  });
});

describe('RadarError', () => {
  it('gives every class a status, and exposes the message only for what the user can act on (4xx)', () => {
    const cases = [
      [new ValidationError('bad'), 400, true],
      [new NotFoundError('none'), 404, true],
      [new ConflictError('raced'), 409, true],
      [new ConfigError('unset'), 500, false],
      [new UnavailableError('throttled'), 503, false],
      [new FeedError('address', 'private address'), 400, true],
      [new FeedError('timeout', 'slow'), 502, false],
    ] as const;
    for (const [error, statusCode, expose] of cases) {
      expect(error).toBeInstanceOf(RadarError);
      expect({ name: error.name, statusCode: error.statusCode, expose: error.expose }).toEqual({ name: error.constructor.name, statusCode, expose });
    }
  });

  it('keeps its cause', () => {
    const cause = new Error('ConditionalCheckFailed');
    expect(new ConflictError('client C1 kept changing', { cause }).cause).toBe(cause);
  });
});
