// A throttled work item's back-offs (a requeued copy's delay, a failed item's visibility), and that only SES throttling counts.
import { describe, expect, it } from 'vitest';
import { isSesThrottling, requeueDelaySeconds, throttleBackoffSeconds } from '../../../lambdas/core/fanout/worker.ts';
import { MAX_THROTTLE_REQUEUES } from '../../../lambdas/core/fanout/work-item.ts';

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

  it('still spreads items that reached the cap over its last base, so they do not come back together', () => {
    expect([0, 0.5, 0.999].map((jitter) => throttleBackoffSeconds(12, 5, () => jitter))).toEqual([295, 298, 300]);
  });
});

describe('requeueDelaySeconds', () => {
  it('doubles from the base with each throttle, with at most one base of jitter, up to SQS’s 900 s', () => {
    expect(Array.from({ length: MAX_THROTTLE_REQUEUES }, (_, i) => requeueDelaySeconds(i + 1, 5, 900, () => 0))).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 895, 895, 895]);
    expect(requeueDelaySeconds(1, 5, 900, () => 0.999)).toBe(10);
    // At the cap the jitter still spreads the copies (895 to 900 s), and never passes it.
    expect(requeueDelaySeconds(9, 5, 900, () => 0.6)).toBe(898);
    expect(requeueDelaySeconds(30, 5, 900, () => 0.999)).toBe(900);
    expect(requeueDelaySeconds(5, 5, 5000, () => 0.999)).toBeLessThanOrEqual(900);
  });

  it('waits about an hour over the capped number of copies at the defaults, the time an overlapping run can hold the rate', () => {
    const total = (random: () => number) => Array.from({ length: MAX_THROTTLE_REQUEUES }, (_, i) => requeueDelaySeconds(i + 1, 5, 900, random)).reduce((sum, s) => sum + s, 0);
    expect(total(() => 0)).toBe(3960);
    expect(total(() => 0.999)).toBeLessThanOrEqual(3960 + 5 * MAX_THROTTLE_REQUEUES);
  });

  it('keeps to a short maximum (the tests’ settings), with the jitter inside it', () => {
    expect([1, 2, 3, 8].map((n) => requeueDelaySeconds(n, 1, 2, () => 0))).toEqual([1, 1, 1, 1]);
    expect([1, 2, 3, 8].map((n) => requeueDelaySeconds(n, 1, 2, () => 0.9))).toEqual([2, 2, 2, 2]);
    expect(requeueDelaySeconds(3, 5, 2, () => 0.9)).toBe(2);
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
