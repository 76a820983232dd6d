// Who is signed in: the local demo sign-in (a signed cookie naming an RM) or Cognito (an ID token verified in the function).
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { Rm } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import { signLocalSession, verifyLocalSession } from './session.ts';
import type { SigningKey } from './link-token.ts';

/** Resolves the session cookie to the RM it belongs to; undefined when absent, expired or forged. */
export interface Authenticator {
  readonly kind: 'local' | 'cognito';
  rmOf(sessionCookie: string | undefined, now: Date): Promise<string | undefined>;
}

/** The local sign-in: any demo RM, by choosing them on a page. Never used when a real issuer is configured. */
export class LocalAuthenticator implements Authenticator {
  readonly kind = 'local';
  private readonly key: SigningKey;

  constructor(key: SigningKey) {
    this.key = key;
  }

  async rmOf(sessionCookie: string | undefined, now: Date): Promise<string | undefined> {
    return verifyLocalSession(this.key, sessionCookie, now);
  }

  sessionFor(rmId: string, now: Date): string {
    return signLocalSession(this.key, rmId, now);
  }
}

export interface CognitoSettings {
  userPoolId: string;
  clientId: string;
  /** The managed login domain, e.g. https://rm-radar-prod.auth.ap-east-1.amazoncognito.com */
  domain: string;
  /** Which claim names the RM: a custom `rm_id` attribute, or the email matched against the RMs' addresses. */
  rmClaim: 'custom:rm_id' | 'email';
}

/** Cognito: the session cookie holds the ID token from the managed login, verified on every request. */
export class CognitoAuthenticator implements Authenticator {
  readonly kind = 'cognito';
  readonly settings: CognitoSettings;
  private readonly verifier;
  private readonly store: RadarStore;
  private rmsByEmail?: { at: number; map: Map<string, string> };

  /** `jwks`: the pool's signing keys when known in advance (an offline check); otherwise fetched from the pool once. */
  constructor(settings: CognitoSettings, store: RadarStore, jwks?: Jwks) {
    this.settings = settings;
    this.store = store;
    this.verifier = CognitoJwtVerifier.create({ userPoolId: settings.userPoolId, clientId: settings.clientId, tokenUse: 'id' });
    if (jwks) this.verifier.cacheJwks(jwks);
  }

  async rmOf(sessionCookie: string | undefined): Promise<string | undefined> {
    if (!sessionCookie || sessionCookie.length > 8192) return undefined;
    let claims: Record<string, unknown>;
    try {
      claims = (await this.verifier.verify(sessionCookie)) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const value = claims[this.settings.rmClaim];
    if (typeof value !== 'string' || value === '') return undefined;
    return this.settings.rmClaim === 'email' ? this.rmIdOfEmail(value) : value;
  }

  /** RMs by address, cached a few minutes per container: the registry is small and changes rarely. */
  private async rmIdOfEmail(email: string): Promise<string | undefined> {
    if (!this.rmsByEmail || Date.now() - this.rmsByEmail.at > 300_000) {
      const rms: Rm[] = await this.store.listRms();
      this.rmsByEmail = { at: Date.now(), map: new Map(rms.map((rm) => [rm.email.toLowerCase(), rm.rmId])) };
    }
    return this.rmsByEmail.map.get(email.toLowerCase());
  }

  authorizeUrl(redirectUri: string, state: string, codeChallenge: string): string {
    const params = new URLSearchParams({
      client_id: this.settings.clientId,
      response_type: 'code',
      scope: 'openid email',
      redirect_uri: redirectUri,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${this.settings.domain}/oauth2/authorize?${params}`;
  }

  /** Exchanges the authorization code for tokens (a public client: no secret, the PKCE verifier instead) and returns the ID token. */
  async exchangeCode(code: string, redirectUri: string, codeVerifier: string): Promise<string | undefined> {
    const response = await fetch(`${this.settings.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: this.settings.clientId, code, redirect_uri: redirectUri, code_verifier: codeVerifier }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { id_token?: string };
    return typeof body.id_token === 'string' ? body.id_token : undefined;
  }
}
