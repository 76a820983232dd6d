// Helpers for integration tests: a fresh table per test file and the local SES inbox.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createDocumentClient } from '../../lambdas/core/store/dynamo.ts';
import { ensureTable } from '../../lambdas/core/store/create-table.ts';
import { RadarStore } from '../../lambdas/core/store/radar-store.ts';
import { loadConfig, type AppConfig } from '../../lambdas/core/config.ts';
import { localSesEml } from '../../bin/local/services.ts';

/** Creates an empty table with a unique name on DynamoDB Local and a store over it. */
export async function createTestStore(): Promise<{ store: RadarStore; tableName: string; dynamodb: DynamoDBClient }> {
  const tableName = `rm-radar-test-${randomUUID().slice(0, 8)}`;
  const dynamodb = new DynamoDBClient({});
  await ensureTable(dynamodb, tableName);
  return { store: new RadarStore(createDocumentClient(dynamodb), tableName), tableName, dynamodb };
}

export function testConfig(tableName: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ TABLE_NAME: tableName, SENDER_EMAIL: 'radar@bank.example', ...overrides });
}

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  at: number;
}

/** Every email the local SES holds, optionally only those to one address. */
export async function inbox(to?: string): Promise<StoredEmail[]> {
  const response = await fetch(`${process.env.LOCAL_SES_URL}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return to ? emails.filter((email) => email.destination.to.some((address) => address.includes(to))) : emails;
}

/**
 * A stored email as MIME, parsed back (for attachments). The local SES rebuilds the MIME from what it
 * parsed, so custom headers such as X-RM-Radar-Job do not survive: tell jobs apart by recipient or subject.
 */
export async function parsedEmail(messageId: string): Promise<ParsedMail> {
  return simpleParser(await localSesEml(process.env.LOCAL_SES_URL!, messageId));
}
