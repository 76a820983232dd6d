// The rule for a client's last contact: never after "now", so a typo or a placeholder date cannot hide a client.

/** How far after "now" a contact time may lie, because the clocks of a laptop, a phone and a core-banking host differ a little. */
export const CONTACT_CLOCK_SKEW_MINUTES = 5;

/** Whether a contact time (an ISO instant) lies after now plus the clock-skew allowance. */
export function isFutureContact(at: string, now: Date): boolean {
  return Date.parse(at) > now.getTime() + CONTACT_CLOCK_SKEW_MINUTES * 60_000;
}

/** Why a contact time is refused (it lies in the future), or undefined when it may be stored. */
export function futureContactProblem(at: string, now: Date): string | undefined {
  if (!isFutureContact(at, now)) return undefined;
  return `${at} is in the future (now is ${now.toISOString()}); a contact cannot be dated ahead of time`;
}
