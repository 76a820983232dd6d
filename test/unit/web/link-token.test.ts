// Signing and verifying one-tap link tokens: expiry, key rotation, tampering, and claims bound to RM, client, date and action.
import { describe, expect, it } from 'vitest';
import { parseKeyRing, signLink, verifyLink, type LinkClaims, type SigningKey } from '../../../lambdas/web/link-token.ts';
import { csrfToken, isValidCsrf, signLocalSession, verifyLocalSession } from '../../../lambdas/web/session.ts';

const key = (id: string, fill: number): SigningKey => ({ id, secret: Buffer.alloc(32, fill) });
const current = key('k2', 2);
const previous = key('k1', 1);
const now = new Date('2026-12-02T00:00:00Z');
const inAWeek = new Date('2026-12-09T00:00:00Z');
const claims = { rm: 'rm-steel', client: 'S002', date: '2026-12-02', action: 'done' } as const;

describe('link tokens', () => {
  it('verifies a token it signed and returns its claims', () => {
    const verdict = verifyLink([current], signLink([current], claims, inAWeek), now);
    expect(verdict).toEqual({ ok: true, claims: { ...claims, exp: inAWeek.getTime() / 1000 } });
  });

  it('refuses an expired token, saying it expired', () => {
    const token = signLink([current], claims, inAWeek);
    expect(verifyLink([current], token, new Date('2026-12-09T00:00:00Z'))).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyLink([current], token, new Date('2026-12-08T23:59:59Z')).ok).toBe(true);
  });

  it('accepts tokens of the previous key while rotating, and refuses them once it is removed', () => {
    const old = signLink([previous], claims, inAWeek);
    expect(verifyLink([current, previous], old, now).ok).toBe(true);
    expect(verifyLink([current], old, now)).toMatchObject({ ok: false, reason: 'bad-signature' });
    // The new ring signs with its first key.
    expect(signLink([current, previous], claims, inAWeek).startsWith('k2.')).toBe(true);
  });

  it('refuses a token whose claims were changed: another action, another RM, another client', () => {
    const token = signLink([current], claims, inAWeek);
    const [id, payload, signature] = token.split('.') as [string, string, string];
    const altered = (change: Partial<LinkClaims>) => {
      const body = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...change };
      return `${id}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${signature}`;
    };
    for (const change of [{ action: 'snooze' as const }, { rm: 'rm-oil' }, { client: 'S003' }, { exp: 9_999_999_999 }]) {
      expect(verifyLink([current], altered(change), now)).toMatchObject({ ok: false, reason: 'bad-signature' });
    }
  });

  it('refuses a token signed with a key of the same id but another secret', () => {
    const forged = signLink([key('k2', 9)], claims, inAWeek);
    expect(verifyLink([current], forged, now)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('answers malformed tokens without throwing', () => {
    for (const token of ['', 'abc', 'a.b', 'k2.!!.x', `k2.${'x'.repeat(2000)}.y`, 'k2..']) {
      expect(verifyLink([current], token, now).ok).toBe(false);
    }
  });

  it('carries ids only: nothing but the claims is in the token', () => {
    const token = signLink([current], { ...claims, reminder: 'birthday:S002:P1:2026-12-03' }, inAWeek);
    const body = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(Object.keys(body).sort()).toEqual(['action', 'client', 'date', 'exp', 'reminder', 'rm']);
  });

  it('refuses to sign claims that are not ids', () => {
    expect(() => signLink([current], { ...claims, client: 'Wang Min <w@x>' }, inAWeek)).toThrow();
  });

  it('reads a key ring and refuses short keys and duplicates', () => {
    const secret = Buffer.alloc(32, 7).toString('base64');
    expect(parseKeyRing(`new:${secret}, old:${secret}`).map((k) => k.id)).toEqual(['new', 'old']);
    expect(() => parseKeyRing(`k:${Buffer.alloc(16).toString('base64')}`)).toThrow(/shorter than 32 bytes/);
    expect(() => parseKeyRing(`k:${secret},k:${secret}`)).toThrow(/differ/);
    expect(() => parseKeyRing('')).toThrow();
  });
});

describe('local sessions and CSRF tokens', () => {
  it('a session names its RM until it expires, and a changed one names nobody', () => {
    const session = signLocalSession(current, 'rm-steel', now);
    expect(verifyLocalSession(current, session, now)).toBe('rm-steel');
    expect(verifyLocalSession(current, session, new Date('2026-12-02T12:00:01Z'))).toBeUndefined();
    expect(verifyLocalSession(current, session.replace('rm-steel', 'rm-oil'), now)).toBeUndefined();
    expect(verifyLocalSession(previous, session, now)).toBeUndefined();
  });

  it('a form token is valid only for the session it was made for', () => {
    const token = csrfToken(current, 'session-a');
    expect(isValidCsrf(current, 'session-a', token)).toBe(true);
    expect(isValidCsrf(current, 'session-b', token)).toBe(false);
    expect(isValidCsrf(current, 'session-a', undefined)).toBe(false);
    expect(isValidCsrf(current, 'session-a', ['x'])).toBe(false);
  });
});

describe('the key ring in the secret', () => {
  it('reads the generated {id, secret} and the rotating {keys:[…]} forms, and refuses short secrets', async () => {
    const { parseSecretKeyRing } = await import('../../../lambdas/web/config.ts');
    const long = 'x'.repeat(40);
    expect(parseSecretKeyRing(JSON.stringify({ id: 'k1', secret: long })).map((k) => k.id)).toEqual(['k1']);
    const ring = parseSecretKeyRing(JSON.stringify({ keys: [{ id: 'k2', secret: 'y'.repeat(40) }, { id: 'k1', secret: long }] }));
    expect(ring.map((k) => k.id)).toEqual(['k2', 'k1']);
    // A link signed before the rotation still opens with the new ring.
    const token = signLink(parseSecretKeyRing(JSON.stringify({ id: 'k1', secret: long })), claims, inAWeek);
    expect(verifyLink(ring, token, now).ok).toBe(true);
    expect(() => parseSecretKeyRing(JSON.stringify({ id: 'k1', secret: 'short' }))).toThrow(/not \{"id","secret"\}/);
  });
});
