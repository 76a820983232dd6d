// One-tap email links: a signed, expiring token bound to an RM, a client, a business date and an action.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { isoDate } from '../core/model.ts';

/** What a link may do; "open" only shows the client, the others prefill a confirmation page. */
export const linkActions = ['done', 'snooze', 'open'] as const;
export type LinkAction = (typeof linkActions)[number];

/** Links stay valid a week by default: the emails are read on the road, some days late. */
export const DEFAULT_LINK_DAYS = 7;

/** A signing key; the first key of a ring signs, every key verifies (two while rotating). */
export interface SigningKey {
  id: string;
  secret: Buffer;
}

const idPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** The claims of a link. Ids only: nothing personal, since the token sits in a URL. */
export const linkClaims = z.object({
  /** The RM the link was mailed to. */
  rm: z.string().regex(idPattern),
  /** The client of the line or reminder. */
  client: z.string().regex(idPattern),
  /** The business date of the email. */
  date: isoDate,
  action: z.enum(linkActions),
  /** The reminder the link acts on, when it came from the reminder email (e.g. `birthday.C01.P01.2026-12-03`). */
  reminder: z.string().max(200).regex(/^[A-Za-z0-9._:#-]+$/).optional(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
});
export type LinkClaims = z.infer<typeof linkClaims>;

export type LinkVerdict =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired'; claims?: LinkClaims };

/** Tokens longer than this are refused before any work: a URL segment is bounded. */
const MAX_TOKEN_LENGTH = 1024;

export function signLink(keys: readonly SigningKey[], claims: Omit<LinkClaims, 'exp'>, expiresAt: Date): string {
  const key = keys[0];
  if (!key) throw new Error('no link-signing key configured');
  const body = linkClaims.parse({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) });
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${key.id}.${payload}.${mac(key.secret, `${key.id}.${payload}`)}`;
}

/** Checks signature (against every key of the ring), shape and expiry; never throws on bad input. */
export function verifyLink(keys: readonly SigningKey[], token: string, now: Date): LinkVerdict {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [keyId, payload, signature] = parts as [string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, reason: 'bad-signature' };
  const expected = Buffer.from(mac(key.secret, `${keyId}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = linkClaims.safeParse(parsed);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (claims.data.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired', claims: claims.data };
  return { ok: true, claims: claims.data };
}

/** HMAC-SHA256 of a text, base64url. Also used for CSRF tokens. */
export function mac(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/**
 * A key ring from its text form `id:base64secret,id:base64secret` (the first signs). Secrets under
 * 32 bytes are refused: HMAC-SHA256 wants a key as long as its output.
 */
export function parseKeyRing(text: string): SigningKey[] {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, secret] = part.split(':');
      if (!id || !secret || !idPattern.test(id)) throw new Error('a link-signing key must be written id:base64secret');
      const bytes = Buffer.from(secret, 'base64');
      if (bytes.length < 32) throw new Error(`link-signing key ${id} is shorter than 32 bytes`);
      return { id, secret: bytes };
    });
  if (keys.length === 0) throw new Error('no link-signing key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('link-signing key ids must differ');
  return keys;
}
