// The web Lambda: API Gateway HTTP API events into the workbench app; configuration and keys once per cold start.
import { handle } from 'hono/aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from '../core/config.ts';
import { createDocumentClient } from '../core/store/dynamo.ts';
import { RadarStore } from '../core/store/radar-store.ts';
import { systemClock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { asLog, TELEMETRY } from '../core/telemetry.ts';
import { CognitoAuthenticator } from './auth.ts';
import { createWebApp } from './app.ts';
import { loadSigningKeys, loadWebSettings } from './config.ts';

const logger = new Logger({ serviceName: TELEMETRY.serviceName, persistentKeys: { function: 'web' } });
const config = loadConfig();
const settings = loadWebSettings();
if (!settings.cognito) throw new ConfigError('the web function needs COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID and COGNITO_DOMAIN');
const store = new RadarStore(createDocumentClient(), config.tableName);

const ready = loadSigningKeys(settings.keySource).then((keys) =>
  handle(
    createWebApp({
      store,
      clock: systemClock,
      config,
      log: asLog(logger),
      keys,
      auth: new CognitoAuthenticator(settings.cognito!, store),
      secureCookies: true,
      baseUrl: settings.baseUrl,
    }),
  ),
);

export const handler = async (event: Parameters<Awaited<typeof ready>>[0], context: Parameters<Awaited<typeof ready>>[1]) =>
  (await ready)(event, context);
