// Team reports over a manager_id tree (DynamoDB Local + local SES): a lead of leads gets the whole tree below, once a week; a loop is cut; the workbench shows nobody else's.
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { client, loan, rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog, type Log } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { composeMime, type Mailer, type OutgoingEmail } from '../../../lambdas/core/mail/mailer.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { runPortfolioReport } from '../../../lambdas/portfolio-report/job.ts';
import { createWebApp } from '../../../lambdas/web/app.ts';
import { LocalAuthenticator } from '../../../lambdas/web/auth.ts';
import { SESSION_COOKIE } from '../../../lambdas/web/session.ts';

const TZ = 'Asia/Shanghai';
const MONDAY = '2026-11-16';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
const suffix = randomUUID().slice(0, 8);
const address = (rmId: string) => `${rmId}-${suffix}@bank.example`;

let store: RadarStore;
let config: AppConfig;
const sent: Array<{ to: string; mime: Buffer }> = [];
const warnings: Array<{ message: string; extra?: Record<string, unknown> }> = [];

/**
 * head ← lead ← (rm-a, rm-b); head ← rm-c directly; loop-x ↔ loop-y manage each other, and
 * loop-z reports to loop-x; solo reports to no one. Each RM has one loan of a known amount.
 */
const TREE = { head: undefined, lead: 'head', 'rm-a': 'lead', 'rm-b': 'lead', 'rm-c': 'head', 'loop-x': 'loop-y', 'loop-y': 'loop-x', 'loop-z': 'loop-x', solo: undefined } as const;
const LOAN = { head: 1, lead: 2, 'rm-a': 4, 'rm-b': 8, 'rm-c': 16, 'loop-x': 32, 'loop-y': 64, 'loop-z': 128, solo: 256 } as const;

beforeAll(async () => {
  ({ store } = await createTestStore());
  config = testConfig(store.table.tableName);
  const ids = Object.keys(TREE) as Array<keyof typeof TREE>;
  await store.putRms(ids.map((rmId) => rm.parse({ rmId, name: `RM ${rmId}`, email: address(rmId), locale: 'en', ...(TREE[rmId] ? { managerId: TREE[rmId] } : {}) })));
  await putClients(store, ids.map((rmId) => client.parse({ clientId: `c-${rmId}`, rmId, kind: 'corporate', tier: 'A', name: `Client of ${rmId}`, balances: { demandDeposits: 100_000, timeDeposits: 0, aum: 0 }, lastContactAt: local('2026-11-12', '10:00') })));
  await store.putLoans(ids.map((rmId) => loan.parse({ loanId: `l-${rmId}`, clientId: `c-${rmId}`, amount: LOAN[rmId] * 10_000, currency: 'CNY', startDate: '2026-01-10', maturityDate: '2027-06-10', lastCheckedOn: '2026-11-01' })));
});

async function mailsTo(rmId: string): Promise<ParsedMail[]> {
  return Promise.all(sent.filter((m) => m.to === address(rmId)).map((m) => simpleParser(m.mime)));
}

function run() {
  const deps = createJobDeps(config, silentLog, fixedClock(local(MONDAY, '07:50')));
  const log: Log = { ...silentLog, warn: (message, extra) => warnings.push({ message, ...(extra ? { extra } : {}) }) };
  const mailer: Mailer = {
    send: async (email: OutgoingEmail) => {
      sent.push({ to: email.to, mime: await composeMime(config.senderEmail, email) });
      return deps.mailer.send(email);
    },
  };
  return runPortfolioReport({ ...deps, store, mailer, log });
}

describe('team reports over the manager_id tree', () => {
  it('sends each manager one team report a week covering everyone below them, at any depth; a loop gets none', async () => {
    const summary = await run();
    // Nine own reports; team reports for head, lead and loop-x (for loop-z, who reports to a loop member).
    expect(summary.emails).toMatchObject({ sent: 12, failed: 0 });
    expect(summary.read).toMatchObject({ reports: 9, teamReports: 3 });
    expect(warnings).toEqual([{ message: expect.stringContaining('manager_id loops'), extra: { loops: ['loop-x > loop-y'] } }]);
    expect((await run()).emails).toMatchObject({ sent: 0, alreadySent: 12 });
    for (const [rmId, count] of Object.entries({ head: 2, lead: 2, 'loop-x': 2, 'loop-y': 1, 'loop-z': 1, 'rm-a': 1, solo: 1 })) {
      expect(await inbox(address(rmId)), rmId).toHaveLength(count);
    }
  });

  it('gives the lead of leads a row per RM of the whole tree, whom each reports to, and the tree’s totals', async () => {
    const team = (await mailsTo('head')).find((mail) => mail.subject?.startsWith('Team: '))!;
    const rows = parse(team.attachments.find((a) => a.filename?.endsWith('-team-rms.csv'))!.content, { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ['lead', 'head'],
      ['rm-a', 'lead'],
      ['rm-b', 'lead'],
      ['rm-c', 'head'],
    ]);
    expect(team.text).toContain('RM rm-a (rm-a) | 100.0% | 0.0% | 0 · 0 | 0 | 0 | RM lead (lead)');
    const figures = parse(team.attachments.find((a) => a.filename?.endsWith('-team-figures.csv'))!.content, { bom: true }) as string[][];
    expect(Number(figures.find((r) => r[1] === 'loans-outstanding')![3])).toBe((LOAN.lead + LOAN['rm-a'] + LOAN['rm-b'] + LOAN['rm-c']) * 10_000);

    const leadTeam = (await mailsTo('lead')).find((mail) => mail.subject?.startsWith('Team: '))!;
    const leadRows = parse(leadTeam.attachments.find((a) => a.filename?.endsWith('-team-rms.csv'))!.content, { bom: true }) as string[][];
    expect(leadRows.slice(1).map((r) => r[0])).toEqual(['rm-a', 'rm-b']);
    // One level below: no "reports to" column in the email.
    expect(leadTeam.text).not.toContain('Reports to');

    const loopTeam = (await mailsTo('loop-x')).find((mail) => mail.subject?.startsWith('Team: '))!;
    expect(loopTeam.text).toContain('RM loop-z (loop-z)');
    expect(loopTeam.text).not.toContain('RM loop-y (loop-y)');
  });

  it('shows a manager in the workbench the reports of everyone below them, and nobody else’s', async () => {
    const now = new Date(local(MONDAY, '10:00'));
    const key = { id: 'test', secret: randomBytes(32) };
    const auth = new LocalAuthenticator(key);
    const app = createWebApp({ store, clock: fixedClock(now.toISOString()), config, log: silentLog, keys: [key], auth, secureCookies: false, baseUrl: 'http://127.0.0.1' });
    const status = async (viewer: string, path: string) =>
      (await app.request(`${path}?date=${MONDAY}`, { headers: { cookie: `${SESSION_COOKIE}=${auth.sessionFor(viewer, now)}` } })).status;
    const allowed: Array<[string, string]> = [
      ['head', '/report/team'],
      ['head', '/report/rm/lead'],
      ['head', '/report/rm/rm-a'],
      ['head', '/report/rm/rm-c'],
      ['lead', '/report/team'],
      ['lead', '/report/rm/rm-b'],
      ['loop-x', '/report/rm/loop-z'],
      ['rm-a', '/report'],
    ];
    const refused: Array<[string, string]> = [
      ['lead', '/report/rm/rm-c'],
      ['lead', '/report/rm/head'],
      ['rm-a', '/report/team'],
      ['rm-a', '/report/rm/rm-b'],
      ['rm-c', '/report/rm/lead'],
      ['loop-x', '/report/rm/loop-y'],
      ['loop-y', '/report/rm/loop-x'],
      ['loop-y', '/report/team'],
      ['solo', '/report/rm/head'],
    ];
    for (const [viewer, path] of allowed) expect(await status(viewer, path), `${viewer} ${path}`).toBe(200);
    for (const [viewer, path] of refused) expect(await status(viewer, path), `${viewer} ${path}`).toBe(404);
  });
});
