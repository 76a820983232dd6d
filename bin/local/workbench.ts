// The workbench on this machine: the same web app as in Lambda, served by Node with the local demo sign-in.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import type { AppConfig } from '../../lambdas/core/config.ts';
import type { Clock } from '../../lambdas/core/clock.ts';
import type { Log } from '../../lambdas/core/log.ts';
import type { RadarStore } from '../../lambdas/core/store/radar-store.ts';
import { createWebApp } from '../../lambdas/web/app.ts';
import { LocalAuthenticator } from '../../lambdas/web/auth.ts';
import { hasRealIssuer } from '../../lambdas/web/config.ts';
import { parseKeyRing, type SigningKey } from '../../lambdas/web/link-token.ts';
import { LocalSetupError, checkPortFree, type RunningService } from './services.ts';

/**
 * The local signing key, kept in a file so that links in earlier emails still work after a restart.
 * LINK_SIGNING_KEYS in the environment wins (to try a rotation locally).
 */
export async function localSigningKeys(file: string): Promise<SigningKey[]> {
  if (process.env.LINK_SIGNING_KEYS) return parseKeyRing(process.env.LINK_SIGNING_KEYS);
  try {
    return parseKeyRing((await readFile(file, 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const ring = `local-1:${randomBytes(32).toString('base64')}`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, ring, { mode: 0o600 });
  return parseKeyRing(ring);
}

export async function startWorkbench(options: {
  port: number;
  store: RadarStore;
  config: AppConfig;
  clock: Clock;
  log: Log;
  keys: readonly SigningKey[];
}): Promise<RunningService> {
  // The demo sign-in lets anyone be any RM: never beside a real identity provider.
  if (hasRealIssuer()) throw new LocalSetupError('a real identity issuer is configured (COGNITO_*): the local demo sign-in will not start');
  await checkPortFree(options.port, 'the workbench');
  const url = `http://127.0.0.1:${options.port}`;
  const app = createWebApp({
    store: options.store,
    clock: options.clock,
    config: options.config,
    log: options.log,
    keys: options.keys,
    auth: new LocalAuthenticator(options.keys[0]!),
    secureCookies: false,
    baseUrl: url,
  });
  const server = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  return {
    url,
    port: options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
