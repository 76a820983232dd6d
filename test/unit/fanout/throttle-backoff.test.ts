// A throttled work item's back-off: how long it waits, and that only SES throttling shortens the wait.
import { describe, expect, it } from 'vitest';
import { isSesThrottling, throttleBackoffSeconds } from '../../../lambdas/core/fanout/worker.ts';

describe('throttleBackoffSeconds', () => {
  it('doubles from the base with each receive, with at most one base of jitter', () => {
    expect([1, 2, 3, 4, 5].map((count) => throttleBackoffSeconds(count, 5, () => 0))).toEqual([5, 10, 20, 40, 80]);
    expect(throttleBackoffSeconds(1, 5, () => 0.999)).toBe(10);
    expect(throttleBackoffSeconds(2, 1, () => 0.5)).toBe(3);
  });

  it('never waits more than five minutes, and treats an unknown receive count as the first', () => {
    expect(throttleBackoffSeconds(12, 5, () => 0.9)).toBe(300);
    expect(throttleBackoffSeconds(0, 5, () => 0)).toBe(5);
  });
});

describe('isSesThrottling', () => {
  it("is SES's Throttling answer, by name or code, and nothing else", () => {
    expect(isSesThrottling(Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' }))).toBe(true);
    expect(isSesThrottling({ Code: 'Throttling' })).toBe(true);
    expect(isSesThrottling(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }))).toBe(false);
    expect(isSesThrottling(undefined)).toBe(false);
    expect(isSesThrottling('Throttling')).toBe(false);
  });
});
