// Sessions and CSRF tokens of the workbench: cookie names and attributes, the local session format, form tokens.
import { timingSafeEqual } from 'node:crypto';
import { mac, type SigningKey } from './link-token.ts';

export const SESSION_COOKIE = 'rmr_session';
/** A workday and then some: the RM signs in again the next morning. */
export const SESSION_HOURS = 12;

/** Cookie attributes: HttpOnly always; Secure except on plain local http; Lax so a link from an email carries the session. */
export function cookieOptions(secure: boolean, maxAgeSeconds = SESSION_HOURS * 3600) {
  return { httpOnly: true, secure, sameSite: 'Lax' as const, path: '/', maxAge: maxAgeSeconds };
}

/** A local session (the demo sign-in only): `rmId.expiry.mac`. */
export function signLocalSession(key: SigningKey, rmId: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600;
  return `${rmId}.${exp}.${mac(key.secret, `session:${rmId}.${exp}`)}`;
}

export function verifyLocalSession(key: SigningKey, value: string | undefined, now: Date): string | undefined {
  if (!value || value.length > 200) return undefined;
  const match = /^([A-Za-z0-9._-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]+)$/.exec(value);
  if (!match) return undefined;
  const [, rmId, exp, signature] = match as unknown as [string, string, string, string];
  if (!equal(signature, mac(key.secret, `session:${rmId}.${exp}`))) return undefined;
  return Number(exp) * 1000 > now.getTime() ? rmId : undefined;
}

/** The CSRF token of a form: bound to the session (or to the link token on a link's confirmation page). */
export function csrfToken(key: SigningKey, boundTo: string): string {
  return mac(key.secret, `csrf:${boundTo}`);
}

export function isValidCsrf(key: SigningKey, boundTo: string, given: unknown): boolean {
  return typeof given === 'string' && given.length < 100 && equal(given, csrfToken(key, boundTo));
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
