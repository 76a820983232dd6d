// The last-contact rule: a contact may not lie after now, beyond the clock-skew allowance.
import { describe, expect, it } from 'vitest';
import { CONTACT_CLOCK_SKEW_MINUTES, futureContactProblem, isFutureContact } from '../../../lambdas/core/last-contact.ts';

const now = new Date('2026-03-05T01:00:00.000Z');
const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('a contact in the future', () => {
  it('is allowed up to the clock-skew allowance after now, and refused beyond it', () => {
    expect(isFutureContact(minutesFromNow(-60 * 24 * 365), now)).toBe(false);
    expect(isFutureContact(minutesFromNow(CONTACT_CLOCK_SKEW_MINUTES), now)).toBe(false);
    expect(isFutureContact(minutesFromNow(CONTACT_CLOCK_SKEW_MINUTES + 1), now)).toBe(true);
    expect(isFutureContact('9999-12-31T00:00:00.000Z', now)).toBe(true);
  });

  it('is described with the time refused and the time now', () => {
    expect(futureContactProblem(minutesFromNow(1), now)).toBeUndefined();
    expect(futureContactProblem('2062-03-05T01:00:00.000Z', now)).toBe(
      '2062-03-05T01:00:00.000Z is in the future (now is 2026-03-05T01:00:00.000Z); a contact cannot be dated ahead of time',
    );
  });
});
