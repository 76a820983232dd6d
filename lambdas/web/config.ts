// The web function's own settings, read once from the environment and validated; a bad one fails at cold start naming it.
import * as z from 'zod';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../core/errors.ts';
import { DEFAULT_LINK_DAYS, parseKeyRing, type SigningKey } from './link-token.ts';

const webEnv = z.object({
  /** The workbench's public origin, e.g. https://radar.bank.example (links in emails point here). */
  WORKBENCH_URL: z.url(),
  /** Key ring as text (`id:base64,id:base64`, first signs): locally. */
  LINK_SIGNING_KEYS: z.string().optional(),
  /** Secrets Manager secret holding the key ring text: in AWS. */
  LINK_SIGNING_SECRET_ARN: z.string().optional(),
  LINK_VALID_DAYS: z.coerce.number().int().min(1).max(30).default(DEFAULT_LINK_DAYS),
  COGNITO_USER_POOL_ID: z.string().optional(),
  COGNITO_CLIENT_ID: z.string().optional(),
  COGNITO_DOMAIN: z.url().optional(),
  RM_CLAIM: z.enum(['custom:rm_id', 'email']).default('custom:rm_id'),
});

export type WebSettings = ReturnType<typeof loadWebSettings>;
type KeySource = { secretArn: string } | { text: string };

export function loadWebSettings(env: Record<string, string | undefined> = process.env) {
  const parsed = webEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid web configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  if (!e.LINK_SIGNING_KEYS && !e.LINK_SIGNING_SECRET_ARN) throw new ConfigError('set LINK_SIGNING_SECRET_ARN (or LINK_SIGNING_KEYS locally)');
  const cognito =
    e.COGNITO_USER_POOL_ID && e.COGNITO_CLIENT_ID && e.COGNITO_DOMAIN
      ? { userPoolId: e.COGNITO_USER_POOL_ID, clientId: e.COGNITO_CLIENT_ID, domain: e.COGNITO_DOMAIN.replace(/\/+$/, ''), rmClaim: e.RM_CLAIM }
      : undefined;
  return {
    baseUrl: e.WORKBENCH_URL.replace(/\/+$/, ''),
    linkValidDays: e.LINK_VALID_DAYS,
    cognito,
    keySource: (e.LINK_SIGNING_SECRET_ARN ? { secretArn: e.LINK_SIGNING_SECRET_ARN } : { text: e.LINK_SIGNING_KEYS! }) as KeySource,
  };
}

/** Whether a real identity provider is configured: the local sign-in refuses to run then. */
export function hasRealIssuer(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.COGNITO_USER_POOL_ID || env.COGNITO_DOMAIN);
}

/** The signing keys: from the secret in AWS (read once per cold start), or from the text locally. */
export async function loadSigningKeys(source: KeySource, client?: SecretsManagerClient): Promise<SigningKey[]> {
  if ('text' in source) return parseKeyRing(source.text);
  const secrets = client ?? new SecretsManagerClient({});
  const result = await secrets.send(new GetSecretValueCommand({ SecretId: source.secretArn }));
  if (!result.SecretString) throw new ConfigError('the link-signing secret is empty');
  return parseKeyRing(result.SecretString);
}
