// The Cognito sign-in round trip: a state and a PKCE verifier per attempt, checked on the callback. A local
// HTTP server stands in for the pool's token endpoint (no Cognito runs here); the ID token is a real RS256 JWT
// verified by aws-jwt-verify with the stand-in pool's keys.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testConfig } from '../../support/local-aws.ts';
import { morningOf, testKeys } from '../../support/workbench.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { createWebApp } from '../../../lambdas/web/app.ts';
import { CognitoAuthenticator } from '../../../lambdas/web/auth.ts';

const POOL = 'ap-east-1_TestPool';
const CLIENT_ID = 'workbench-client';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** The pool's token endpoint: gives an ID token for a code it issued, only with the verifier of that code's challenge. */
const issued = new Map<string, { challenge: string; rmId: string }>();
const exchanges: { code: string; verifier: string }[] = [];
let tokenEndpoint: Server;
let app: ReturnType<typeof createWebApp>;

function idToken(rmId: string, key: KeyObject): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${part({
    sub: 'user-1',
    'custom:rm_id': rmId,
    aud: CLIENT_ID,
    iss: `https://cognito-idp.ap-east-1.amazonaws.com/${POOL}`,
    token_use: 'id',
    iat: now,
    auth_time: now,
    exp: now + 3600,
  })}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}

beforeAll(async () => {
  tokenEndpoint = createServer((request, response) => {
    let body = '';
    request.on('data', (piece: Buffer) => (body += piece.toString()));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const code = form.get('code') ?? '';
      const verifier = form.get('code_verifier') ?? '';
      exchanges.push({ code, verifier });
      const grant = issued.get(code);
      const proven = grant && createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
      if (request.url !== '/oauth2/token' || form.get('client_id') !== CLIENT_ID || !proven) {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
        return;
      }
      issued.delete(code);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id_token: idToken(grant.rmId, privateKey) }));
    });
  });
  await new Promise<void>((resolve) => tokenEndpoint.listen(0, '127.0.0.1', resolve));
  const domain = `http://127.0.0.1:${(tokenEndpoint.address() as AddressInfo).port}`;
  const { store } = await createTestStore();
  const { n, e } = publicKey.export({ format: 'jwk' });
  const jwk = { kty: 'RSA', n: n!, e: e!, kid: 'k1', alg: 'RS256', use: 'sig' };
  const auth = new CognitoAuthenticator({ userPoolId: POOL, clientId: CLIENT_ID, domain, rmClaim: 'custom:rm_id' }, store, { keys: [jwk] });
  const config = testConfig(store.table.tableName);
  app = createWebApp({ store, clock: morningOf('2026-03-05'), config, log: silentLog, keys: testKeys, auth, secureCookies: true, baseUrl: 'https://workbench.bank.example' });
});

afterAll(() => new Promise<void>((resolve) => tokenEndpoint.close(() => resolve())));

/** Starts a sign-in: the managed-login URL it redirects to, and the attempt's cookie. */
async function startSignIn() {
  const response = await app.request('/signin');
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { location, setCookie, cookie: setCookie.split(';')[0]! };
}

/** What the IdP does after the RM signs in: issues a code for the attempt's challenge. */
function signInAtIdp(location: URL, rmId: string, code: string): void {
  issued.set(code, { challenge: location.searchParams.get('code_challenge')!, rmId });
}

const callback = (code: string, state: string, cookie?: string) =>
  app.request(`/auth/callback?${new URLSearchParams({ code, state })}`, { headers: cookie ? { cookie } : {} });

describe('signing in through Cognito', () => {
  it('sends a fresh state and an S256 code challenge each time, kept in a short-lived cookie for the callback only', async () => {
    const first = await startSignIn();
    const second = await startSignIn();
    expect(`${first.location.origin}${first.location.pathname}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize$/);
    expect(Object.fromEntries(first.location.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: 'https://workbench.bank.example/auth/callback',
      code_challenge_method: 'S256',
    });
    expect(first.location.searchParams.get('state')).not.toBe(second.location.searchParams.get('state'));
    expect(first.location.searchParams.get('code_challenge')).not.toBe(second.location.searchParams.get('code_challenge'));
    expect(first.setCookie).toMatch(/^rmr_signin=[^;]+; Max-Age=600; Path=\/auth\/callback; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('signs the RM in when the callback comes back to the browser that started it, exchanging the code with its verifier', async () => {
    const { location, cookie } = await startSignIn();
    signInAtIdp(location, 'rm-a', 'code-good');
    const response = await callback('code-good', location.searchParams.get('state')!, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/today');
    const cookies = response.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('rmr_session='))).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    // The attempt's cookie is spent.
    expect(cookies.find((c) => c.startsWith('rmr_signin='))).toMatch(/Max-Age=0/);
    expect(exchanges.at(-1)!.code).toBe('code-good');
  });

  it('refuses a callback this browser did not start (a code pushed on the RM by someone else), without exchanging the code', async () => {
    const attacker = await startSignIn();
    signInAtIdp(attacker.location, 'rm-b', 'code-of-attacker');
    const before = exchanges.length;
    // The victim's browser has no attempt cookie, or the cookie of an attempt of its own.
    const victim = await startSignIn();
    for (const cookie of [undefined, victim.cookie]) {
      const response = await callback('code-of-attacker', attacker.location.searchParams.get('state')!, cookie);
      expect(response.headers.get('location')).toBe('/signin');
      expect(response.headers.getSetCookie().some((c) => c.startsWith('rmr_session='))).toBe(false);
    }
    expect(exchanges.length).toBe(before);
  });

  it('gets no session from a code whose verifier does not match (a code taken from another attempt)', async () => {
    const mine = await startSignIn();
    const theirs = await startSignIn();
    // A code issued for the other attempt's challenge, replayed with this attempt's state and cookie.
    signInAtIdp(theirs.location, 'rm-a', 'code-stolen');
    const response = await callback('code-stolen', mine.location.searchParams.get('state')!, mine.cookie);
    expect(response.headers.get('location')).toBe('/signin');
    expect(response.headers.getSetCookie().some((c) => c.startsWith('rmr_session='))).toBe(false);
    expect(exchanges.at(-1)!.code).toBe('code-stolen');
  });
});
