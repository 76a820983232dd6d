// The Cognito sign-in round trip: a fresh state and PKCE verifier per attempt, kept in a short-lived cookie, so
// that a callback is accepted only in the browser that started it (no login CSRF) and a stolen code is useless.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNIN_COOKIE = 'rmr_signin';
/** Long enough to type a password and pass the bank's second factor. */
export const SIGNIN_MINUTES = 10;

export interface SignInAttempt {
  /** Sent to the authorization endpoint and returned on the callback. */
  state: string;
  /** S256 of the verifier, sent to the authorization endpoint (RFC 7636). */
  codeChallenge: string;
  /** The cookie value that keeps state and verifier in this browser until the callback. */
  cookie: string;
}

export function startSignIn(): SignInAttempt {
  const state = randomBytes(24).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  return { state, codeChallenge: createHash('sha256').update(verifier).digest('base64url'), cookie: `${state}.${verifier}` };
}

/** The PKCE verifier when the callback's state is the one this browser's attempt sent; otherwise undefined. */
export function verifierForCallback(cookie: string | undefined, state: string | undefined): string | undefined {
  if (!cookie || !state || cookie.length > 200 || state.length > 100) return undefined;
  const match = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  if (!match) return undefined;
  const [, expected, verifier] = match as unknown as [string, string, string];
  const given = Buffer.from(state);
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected)) ? verifier : undefined;
}
