// Bounces and complaints end to end on DynamoDB Local + the local SES: the SES events handler flags an
// address, every job suppresses that RM's email but keeps its data, `rms unflag` lets the next run send.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { sesFixture, snsEvent } from '../../fixtures/ses/sns.ts';
import { client, loan, rm, type Rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog, type Log } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { resolveBusinessDate, type JobDeps, type JobSummary } from '../../../lambdas/core/job.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { getEmailStatuses } from '../../../lambdas/core/store/email-status.ts';
import { listSent } from '../../../lambdas/core/store/send-claims.ts';
import { runCallList } from '../../../lambdas/call-list/job.ts';
import { CallListStore } from '../../../lambdas/call-list/store.ts';
import { collectReminders, runTouchReminders } from '../../../lambdas/touch-reminders/job.ts';
import { reminderWindow } from '../../../lambdas/touch-reminders/occasions.ts';
import { runProspectScan } from '../../../lambdas/prospect-scan/job.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import type { DigestEntry } from '../../../lambdas/prospect-scan/model.ts';
import { formatSummary } from '../../../bin/cli/run.ts';
import { recordSesEvents } from '../../../lambdas/ses-events/record.ts';
import { sendOnce } from '../../../lambdas/core/mail/send-once.ts';
import { SesMailer, type Mailer, type OutgoingEmail } from '../../../lambdas/core/mail/mailer.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { runCli } from '../../support/cli.ts';

/** The parts of the Lambda context Powertools reads. */
type Context = Record<string, unknown>;

const TZ = 'Asia/Shanghai';
const DAY = '2026-03-05';
const NEXT_DAY = '2026-03-06';
const tag = randomUUID().slice(0, 8);
/** The flagged RM's address is stored mixed-case; SES reports it lower-cased. */
const rms: Record<'ok' | 'busy' | 'gone', Rm> = {
  ok: rm.parse({ rmId: 'rm-ok', name: 'Grace Lee', email: `ok-${tag}@bank.example`, locale: 'en' }),
  busy: rm.parse({ rmId: 'rm-busy', name: '王敏', email: `busy-${tag}@bank.example`, locale: 'zh-CN' }),
  gone: rm.parse({ rmId: 'rm-gone', name: 'Chen Yu', email: `Gone-${tag}@Bank.Example`, locale: 'en' }),
};
const goneAddress = rms.gone.email.toLowerCase();

let store: RadarStore;
let tableName: string;
let config: AppConfig;
let handler: (event: unknown, context: Context) => Promise<{ flagged: number; counted: number; ignored: number; otherTypes: number }>;

const morningOf = (date: string) => localTimeToInstant(date, '08:30', TZ).toISOString();
const depsOn = (date: string, log: Log = silentLog): JobDeps => ({ ...createJobDeps(config, log, fixedClock(morningOf(date))), store });
const lambdaContext = { functionName: 'ses-events', awsRequestId: 'test', invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:ses-events', memoryLimitInMB: '256', functionVersion: '$LATEST' } as unknown as Context;

/** A fixture with its recipients (and optionally its timestamp and feedback id) replaced. */
function feedback(name: string, recipients: string[], changes: { timestamp?: string; feedbackId?: string } = {}): string {
  const message = JSON.parse(sesFixture(name)) as Record<string, Record<string, unknown>>;
  const details = (message.bounce ?? message.complaint)!;
  const list = message.bounce ? 'bouncedRecipients' : 'complainedRecipients';
  details[list] = recipients.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1' }));
  if (changes.timestamp) details.timestamp = changes.timestamp;
  if (changes.feedbackId) details.feedbackId = changes.feedbackId;
  return JSON.stringify(message);
}

const cli = (args: string[], at = `${DAY}T03:00:00.000Z`) => runCli(args, { tableName, at });

function digestEntry(rmId: string): DigestEntry {
  return {
    rmId,
    foundOn: DAY,
    storyId: `story-${rmId}`,
    category: 'other',
    company: 'Harbor Motors Group',
    companyKey: 'harbor motors group',
    reasons: [{ kind: 'industry', industry: 'Car dealers', keyword: 'dealership group' }],
    primary: { type: 'expansion' },
    signals: [{ type: 'expansion', rule: 'test.expansion', confidence: 0.9 }],
    title: `Harbor Motors Group opens a dealership (${rmId})`,
    summary: '',
    sources: [{ feedName: 'Auto Retail Wire', link: 'https://news.example/harbor', published: '2026-03-04T22:00:00.000Z' }],
  };
}

/** Today's emails to an RM; addresses compared case-insensitively, as mail servers do. */
const emailsTo = async (who: Rm) =>
  (await inbox()).filter((email) => email.subject.includes(DAY) && email.destination.to.some((to) => to.toLowerCase().includes(who.email.toLowerCase())));
const runAll = async (log?: Log): Promise<JobSummary[]> => [
  await runProspectScan(depsOn(DAY, log), { businessDate: DAY }),
  await runCallList(depsOn(DAY, log), { businessDate: DAY }),
  await runTouchReminders(depsOn(DAY, log), { businessDate: DAY }),
];

beforeAll(async () => {
  ({ store, tableName } = await createTestStore());
  config = testConfig(tableName);
  await store.putRms(Object.values(rms));
  // Each RM: a never-contacted client (call list) with a loan maturing in 7 days (touch reminder), and a digest entry.
  await putClients(store, Object.values(rms).map((r) => client.parse({ clientId: `c-${r.rmId}`, rmId: r.rmId, kind: 'individual', tier: 'B', name: `Client of ${r.rmId}` })));
  await store.putLoans(
    Object.values(rms).map((r) => loan.parse({ loanId: `L-${r.rmId}`, clientId: `c-${r.rmId}`, amount: 1_000_000, currency: 'CNY', startDate: '2025-03-12', maturityDate: '2026-03-12' })),
  );
  await new ProspectStore(store.table).putDigestEntries(Object.values(rms).map((r) => digestEntry(r.rmId)), new Date(morningOf(DAY)));

  // The Lambda handler reads TABLE_NAME at cold start.
  vi.stubEnv('TABLE_NAME', tableName);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
  ({ handler } = (await import('../../../lambdas/ses-events/handler.ts')) as unknown as { handler: typeof handler });
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe('the SES events function', () => {
  it('flags a permanently bouncing address, only counts a transient bounce, and records a complaint', async () => {
    const summary = await handler(
      snsEvent(
        feedback('bounce-permanent-event', [goneAddress]),
        feedback('bounce-transient-notification', [rms.busy.email]),
        feedback('complaint-notification', [`complainer-${tag}@bank.example`]),
        sesFixture('delivery-event'),
      ),
      lambdaContext,
    );
    expect(summary).toMatchObject({ notifications: 4, flagged: 2, counted: 1, ignored: 0, otherTypes: 1 });

    const statuses = await getEmailStatuses(store.table, [rms.gone.email, rms.busy.email, rms.ok.email, `complainer-${tag}@bank.example`]);
    expect(statuses.get(goneAddress)).toMatchObject({
      status: 'bouncing',
      reason: 'Permanent/General',
      firstEventAt: '2026-03-05T00:31:12.408Z',
      lastEventAt: '2026-03-05T00:31:12.408Z',
      eventCount: 1,
      lastMessageId: '0100018e0a1b2a00-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-000000',
    });
    expect(statuses.get(rms.busy.email)).toMatchObject({ transientBounces: 1, eventCount: 0 });
    expect(statuses.get(rms.busy.email)!.status).toBeUndefined();
    expect(statuses.get(`complainer-${tag}@bank.example`)).toMatchObject({ status: 'complained', reason: 'complaint/abuse' });
    expect(statuses.has(rms.ok.email)).toBe(false);
  });

  it('ignores a redelivery of the same notification and counts a new bounce', async () => {
    expect(await handler(snsEvent(feedback('bounce-permanent-event', [goneAddress])), lambdaContext)).toMatchObject({ ignored: 1, flagged: 0 });
    const later = feedback('bounce-permanent-event', [goneAddress], { timestamp: '2026-03-05T00:40:00.000Z', feedbackId: `second-${tag}` });
    expect(await handler(snsEvent(later), lambdaContext)).toMatchObject({ flagged: 1 });
    const status = (await getEmailStatuses(store.table, [goneAddress])).get(goneAddress)!;
    expect(status).toMatchObject({ eventCount: 2, firstEventAt: '2026-03-05T00:31:12.408Z', lastEventAt: '2026-03-05T00:40:00.000Z' });
  });

  it('logs the RM id of a bounced email, and neither the address nor a hash of it', async () => {
    // An RM's email sent the one way jobs send; SES returns its original headers with the bounce.
    const address = `Logged.RM-${tag}@Bank.Example`;
    const sent: OutgoingEmail[] = [];
    const ses = new SesMailer('radar@bank.example');
    const recording: Mailer = { send: (email) => (sent.push(email), ses.send(email)) };
    const deps = { table: store.table, mailer: recording, clock: fixedClock(morningOf(DAY)), leaseSeconds: 120 };
    const key = { job: 'ses-events-test', rmId: 'rm-logged', businessDate: DAY };
    expect((await sendOnce(deps, key, { to: address, subject: `Call list ${DAY}`, html: '<p>x</p>', text: 'x' })).outcome).toBe('sent');
    const headers = Object.entries(sent[0]!.headers ?? {}).map(([name, value]) => ({ name, value: String(value) }));
    const message = JSON.parse(feedback('bounce-permanent-event', [address])) as { mail: Record<string, unknown> };
    message.mail.headers = headers;
    const withoutHeaders = JSON.parse(feedback('complaint-notification', [`Other-${tag}@bank.example`], { feedbackId: `other-${tag}` }));

    const logged: unknown[] = [];
    const log: Log = { ...silentLog, info: (text, extra) => logged.push([text, extra]), warn: (text, extra) => logged.push([text, extra]) };
    await recordSesEvents(store.table, snsEvent(JSON.stringify(message), JSON.stringify(withoutHeaders)), log);
    const text = JSON.stringify(logged);
    expect(text).toContain('"rmId":"rm-logged"');
    expect(text.match(/"rmId"/g)).toHaveLength(1); // the complaint's email carried no header: no RM, and nothing else

    const variants = [address, address.toLowerCase(), `Other-${tag}@bank.example`, `other-${tag}@bank.example`];
    for (const variant of variants) {
      expect(text.toLowerCase()).not.toContain(variant.toLowerCase());
      expect(text.toLowerCase()).not.toContain(variant.split('@')[0]!.toLowerCase());
      for (const algorithm of ['sha256', 'sha1', 'md5']) {
        // No 8 characters in a row of the plain hash, in hex or base64.
        for (const digest of [createHash(algorithm).update(variant).digest('hex'), createHash(algorithm).update(variant).digest('base64')]) {
          for (let at = 0; at + 8 <= digest.length; at++) expect(text, `${algorithm} of ${variant}`).not.toContain(digest.slice(at, at + 8));
        }
      }
    }
  });

  it('fails on a malformed bounce, so Lambda retries it and then keeps it in the dead-letter queue', async () => {
    await expect(handler(snsEvent(sesFixture('bounce-missing-recipients-event')), lambdaContext)).rejects.toThrow(/bouncedRecipients/);
  });
});

describe('a flagged RM', () => {
  it('is marked in `rms list`', async () => {
    const { code, output } = await cli(['rms', 'list']);
    expect(code).toBe(0);
    const line = (rmId: string) => output.split('\n').find((l) => l.startsWith(`${rmId} `))!;
    expect(line('rm-gone')).toMatch(/FLAGGED bouncing \(Permanent\/General\) since 2026-03-05T00:31:12\.408Z, 2 events — not emailed$/);
    expect(line('rm-busy')).toMatch(/ok \(1 transient bounces, last 2026-03-05T00:45:00\.000Z\)$/);
    expect(line('rm-ok')).toMatch(/ {2}ok$/);
    expect(output).toContain('1 flagged');
    const json = JSON.parse((await cli(['rms', 'list', '--json'])).output) as Array<{ rmId: string; industries: number; emailStatus: { status?: string } | null }>;
    expect(json.find((r) => r.rmId === 'rm-gone')!.emailStatus!.status).toBe('bouncing');
    expect(json.find((r) => r.rmId === 'rm-ok')!.emailStatus).toBeNull();
  });

  it('gets no email from any job, while the others get theirs; each summary says suppressed and the data stays', async () => {
    const warnings: unknown[] = [];
    const log: Log = { ...silentLog, warn: (message, extra) => warnings.push([message, extra]) };
    for (const summary of await runAll(log)) {
      expect(summary.emails, summary.job).toEqual({ sent: 2, alreadySent: 0, failed: 0, notNeeded: 0, suppressed: 1, maybeSent: 0 });
      expect(formatSummary(summary)).toContain('suppressed 1 (flagged addresses: see `rm-radar rms list`)');
    }
    expect(await emailsTo(rms.gone)).toEqual([]);
    expect(await emailsTo(rms.ok)).toHaveLength(3);
    expect(await emailsTo(rms.busy)).toHaveLength(3);
    // Logged with the RM id, never the address.
    expect(warnings).toHaveLength(3);
    expect(JSON.stringify(warnings)).toContain('rm-gone');
    expect(JSON.stringify(warnings).toLowerCase()).not.toContain(goneAddress);

    // Nothing was claimed for the flagged RM, so unflagging lets today's run send.
    for (const job of ['prospect-scan', 'call-list', 'touch-reminders']) {
      expect((await listSent(store.table, job, DAY)).map((s) => s.rmId).sort()).toEqual(['rm-busy', 'rm-ok']);
    }
    // The call list is stored (and shown by the CLI), the digest entry is still pending, the reminders are still due.
    expect((await new CallListStore(store.table).get('rm-gone', DAY))!.lines.length).toBeGreaterThan(0);
    expect((await cli(['call-list', 'show', '--rm', 'rm-gone', '--date', DAY])).output).toContain('Client of rm-gone');
    expect(await new ProspectStore(store.table).unsentEntriesOfRm('rm-gone', [DAY])).toHaveLength(1);
    const { calendar } = resolveBusinessDate(depsOn(DAY), { businessDate: DAY });
    const due = await collectReminders(depsOn(DAY), rms.gone, reminderWindow(DAY, calendar));
    expect(due.reminders.map((r) => r.kind)).toContain('maturity');
  });

  it('is emailed by the next run after `rms unflag`, with the digest entries it missed', async () => {
    expect(await cli(['rms', 'unflag', 'nobody@bank.example'])).toMatchObject({ code: 1, errors: expect.stringContaining('nobody@bank.example is not flagged') });
    const unflagged = await cli(['rms', 'unflag', rms.gone.email]);
    expect(unflagged).toMatchObject({ code: 0, output: expect.stringContaining(`${goneAddress} unflagged`) });
    expect((await cli(['rms', 'list'])).output.split('\n').find((l) => l.startsWith('rm-gone '))).toMatch(/ {2}ok$/);

    const summaries = await runAll();
    for (const summary of summaries) expect(summary.emails, summary.job).toEqual({ sent: 1, alreadySent: 2, failed: 0, notNeeded: 0, suppressed: 0, maybeSent: 0 });
    const received = await emailsTo(rms.gone);
    expect(received).toHaveLength(3);
    expect(received.map((email) => email.body.text ?? '').join('\n')).toContain('Harbor Motors Group opens a dealership (rm-gone)');
    expect(await new ProspectStore(store.table).unsentEntriesOfRm('rm-gone', [DAY])).toEqual([]);
  });

  it('is not flagged again by a late bounce of an email sent before the unflag, but is by a new one', async () => {
    const late = feedback('bounce-permanent-event', [goneAddress], { timestamp: '2026-03-05T02:00:00.000Z', feedbackId: `late-${tag}` });
    expect(await handler(snsEvent(late), lambdaContext)).toMatchObject({ ignored: 1, flagged: 0 });
    expect((await getEmailStatuses(store.table, [goneAddress])).get(goneAddress)!.status).toBeUndefined();

    const fresh = feedback('bounce-permanent-event', [goneAddress], { timestamp: `${NEXT_DAY}T00:31:00.000Z`, feedbackId: `fresh-${tag}` });
    expect(await handler(snsEvent(fresh), lambdaContext)).toMatchObject({ flagged: 1 });
    expect((await getEmailStatuses(store.table, [goneAddress])).get(goneAddress)).toMatchObject({ status: 'bouncing', eventCount: 1, firstEventAt: `${NEXT_DAY}T00:31:00.000Z` });
  });

  it('is not flagged under a new address once re-imported with it', async () => {
    const moved = { ...rms.gone, email: `gone-new-${tag}@bank.example` };
    await store.putRms([moved]);
    const summary = await runCallList(depsOn(NEXT_DAY), { businessDate: NEXT_DAY });
    expect(summary.emails).toMatchObject({ sent: 3, suppressed: 0 });
    expect(await inbox(moved.email)).toHaveLength(1);
  });
});
