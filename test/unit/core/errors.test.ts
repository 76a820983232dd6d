// Error messages for people and for logs.
import { describe, expect, it } from 'vitest';
import { loggableMessage } from '../../../lambdas/core/errors.ts';

describe('loggableMessage', () => {
  it('masks e-mail addresses in error messages before they reach the logs', () => {
    const sesError = new Error('Email address is not verified. The following identities failed the check in region US-EAST-1: wang.min@bank.example, grace.lee@bank.example');
    expect(loggableMessage(sesError)).toBe('Email address is not verified. The following identities failed the check in region US-EAST-1: <address>, <address>');
    expect(loggableMessage('Throttling: rate exceeded')).toBe('Throttling: rate exceeded');
  });
});
