// Builders for call-list unit tests: clients, loans and rules with sensible defaults.
import { client, loan, rm, type Client, type Loan, type Rm } from '../../../lambdas/core/model.ts';
import { loadConfig } from '../../../lambdas/core/config.ts';
import { addDays } from '../../../lambdas/core/dates/calendar.ts';
import type { CallListRules } from '../../../lambdas/call-list/priority.ts';

export const TZ = 'Asia/Shanghai';

export const rules: CallListRules = loadConfig({ TABLE_NAME: 'unit-test', SENDER_EMAIL: 'radar@bank.example' }).callList;

export function aClient(overrides: Partial<Client> & { clientId: string }): Client {
  return client.parse({ rmId: 'rm-1', kind: 'corporate', tier: 'A', name: `Client ${overrides.clientId}`, ...overrides });
}

export function aLoan(overrides: Partial<Loan> & { loanId: string; clientId: string }): Loan {
  return loan.parse({ amount: 1_000_000, currency: 'CNY', startDate: '2026-01-10', maturityDate: '2027-01-10', ...overrides });
}

export function anRm(overrides: Partial<Rm> = {}): Rm {
  return rm.parse({ rmId: 'rm-1', name: 'Grace Lee', email: 'grace@bank.example', locale: 'en', ...overrides });
}

/** The `pastDueSince` of a loan that is `days` past due on `date` (went past due `days` days before). */
export function pastDue(days: number, date: string): { pastDueSince: string } {
  return { pastDueSince: addDays(date, -days) };
}
