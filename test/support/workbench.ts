// A small book for the workbench tests (two RMs, a list, a reminder) and the web app over it, on the test table.
import { randomUUID } from 'node:crypto';
import { client, contact, loan, rm } from '../../lambdas/core/model.ts';
import { fixedClock, type Clock } from '../../lambdas/core/clock.ts';
import { silentLog } from '../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../lambdas/core/dates/calendar.ts';
import { putClients } from '../../lambdas/core/store/client-writes.ts';
import type { AppConfig } from '../../lambdas/core/config.ts';
import type { RadarStore } from '../../lambdas/core/store/radar-store.ts';
import { createWebApp } from '../../lambdas/web/app.ts';
import { LocalAuthenticator } from '../../lambdas/web/auth.ts';
import type { SigningKey } from '../../lambdas/web/link-token.ts';

export const TZ = 'Asia/Shanghai';
export const BUSINESS_DATE = '2026-03-05';
export const NEXT_BUSINESS_DATE = '2026-03-06';
export const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
export const morningOf = (date: string): Clock => fixedClock(local(date, '08:30'));

export const testKeys: SigningKey[] = [{ id: 'test-1', secret: Buffer.alloc(32, 11) }];

/** Addresses unique to a test run, so each test finds its own emails in the shared local SES. */
export function addresses() {
  const suffix = randomUUID().slice(0, 8);
  return { a: `rm-a-${suffix}@bank.example`, b: `rm-b-${suffix}@bank.example` };
}

/**
 * RM A (English): a client in arrears, an inactive big client whose CFO has a birthday on the business
 * date, and a third inactive one. RM B (Chinese): one client of their own.
 */
export async function seedBook(store: RadarStore, emails: { a: string; b: string }): Promise<void> {
  await store.putRms([
    rm.parse({ rmId: 'rm-a', name: 'Grace Lee', email: emails.a, locale: 'en', dailyCallCapacity: 5 }),
    rm.parse({ rmId: 'rm-b', name: '王敏', email: emails.b, locale: 'zh-CN', dailyCallCapacity: 5 }),
  ]);
  await putClients(store, [
    client.parse({ clientId: 'a-arrears', rmId: 'rm-a', kind: 'corporate', tier: 'B', name: 'Shencheng Materials', lastContactAt: local('2026-01-10', '10:00') }),
    client.parse({
      clientId: 'a-big',
      rmId: 'rm-a',
      kind: 'corporate',
      tier: 'A',
      name: 'East China Steel Trading',
      lastContactAt: local('2026-01-17', '10:00'),
      balances: { demandDeposits: 4_000_000, timeDeposits: 8_000_000, aum: 0 },
    }),
    client.parse({ clientId: 'a-quiet', rmId: 'rm-a', kind: 'individual', tier: 'B', name: 'Li Qiang', lastContactAt: local('2025-12-01', '10:00') }),
    client.parse({ clientId: 'b-1', rmId: 'rm-b', kind: 'corporate', tier: 'A', name: '华东钢贸有限公司', lastContactAt: local('2026-01-01', '10:00') }),
  ]);
  await store.putContacts([
    contact.parse({ contactId: 'p-1', clientId: 'a-big', name: 'Zhao Lan', role: 'CFO', phone: '138 0000 0002', birthday: { monthDay: '03-05', calendar: 'gregorian' } }),
    contact.parse({ contactId: 'p-2', clientId: 'a-arrears', name: 'Sun Li', role: 'CFO', phone: '13800000003', birthday: { monthDay: '01-15', calendar: 'lunar' } }),
    contact.parse({ contactId: 'p-3', clientId: 'b-1', name: '赵会计', role: '财务总监', phone: '13700000003' }),
  ]);
  await store.putLoans([
    loan.parse({ loanId: 'l-1', clientId: 'a-arrears', amount: 5_000_000, currency: 'CNY', startDate: '2026-01-20', maturityDate: '2027-01-20', pastDueSince: '2026-02-21' }),
  ]);
}

/** The web app with the local sign-in on the test table, at a fixed time. */
export function testApp(store: RadarStore, config: AppConfig, clock: Clock) {
  return createWebApp({ store, clock, config, log: silentLog, keys: testKeys, auth: new LocalAuthenticator(testKeys[0]!), secureCookies: false, baseUrl: 'http://127.0.0.1' });
}
