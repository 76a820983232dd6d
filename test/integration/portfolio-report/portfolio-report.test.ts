// The weekly portfolio report against DynamoDB Local and the local SES: once per RM and manager per week, charts by cid:, CSV back to the figures, history.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { simpleParser, type ParsedMail } from 'mailparser';
import { decodePng, greyDeviation } from '../../support/png.ts';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { client, loan, rm } from '../../../lambdas/core/model.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { composeMime, type Mailer, type OutgoingEmail } from '../../../lambdas/core/mail/mailer.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { JobDeps } from '../../../lambdas/core/job.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { runPortfolioReport } from '../../../lambdas/portfolio-report/job.ts';
import { SnapshotStore } from '../../../lambdas/portfolio-report/store.ts';
import { CHART_SIZE } from '../../../lambdas/portfolio-report/charts/specs.ts';
import { PIXEL_RATIO } from '../../../lambdas/portfolio-report/charts/render.ts';

const TZ = 'Asia/Shanghai';
const MONDAY = '2026-11-16';
const NEXT_MONDAY = '2026-11-23';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
const suffix = randomUUID().slice(0, 8);
const address = (rmId: string) => `${rmId}-${suffix}@bank.example`;

let store: RadarStore;
let config: AppConfig;
/** Every email the job handed to the mailer, as the MIME bytes SES was given (composed the same way). */
const sentMime: Array<{ to: string; mime: Buffer }> = [];

function depsOn(date: string): JobDeps {
  const deps = createJobDeps(config, silentLog, fixedClock(local(date, '07:50')));
  const recording: Mailer = {
    send: async (email: OutgoingEmail) => {
      sentMime.push({ to: email.to, mime: await composeMime(config.senderEmail, email) });
      return deps.mailer.send(email);
    },
  };
  return { ...deps, store, mailer: recording };
}

async function parsedFor(rmId: string, subjectPart: string): Promise<ParsedMail[]> {
  const parsed = await Promise.all(sentMime.filter((m) => m.to === address(rmId)).map((m) => simpleParser(m.mime, { keepCidLinks: true })));
  return parsed.filter((mail) => mail.subject?.includes(subjectPart));
}


beforeAll(async () => {
  ({ store } = await createTestStore());
  config = testConfig(store.table.tableName);
  await store.putRms([
    rm.parse({ rmId: 'lead', name: '李主管', email: address('lead'), locale: 'zh-CN' }),
    rm.parse({ rmId: 'rm-a', name: 'Grace Lee', email: address('rm-a'), locale: 'en', managerId: 'lead' }),
    rm.parse({ rmId: 'rm-b', name: '王敏', email: address('rm-b'), locale: 'zh-CN', managerId: 'lead' }),
  ]);
  await putClients(store, [
    client.parse({ clientId: 'a-1', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'Harbour Steel', balances: { demandDeposits: 3_000_000, timeDeposits: 1_000_000, aum: 500_000 }, lastContactAt: local('2026-11-02', '10:00') }),
    client.parse({ clientId: 'a-2', rmId: 'rm-a', kind: 'individual', tier: 'B', name: 'Li Qiang', balances: { demandDeposits: 200_000, timeDeposits: 800_000, aum: 1_500_000 } }),
    client.parse({ clientId: 'b-1', rmId: 'rm-b', kind: 'corporate', tier: 'A', name: '华东钢贸有限公司', balances: { demandDeposits: 1_000_000, timeDeposits: 0, aum: 0 }, lastContactAt: local('2026-11-12', '10:00') }),
  ]);
  await store.putLoans([
    loan.parse({ loanId: 'la-1', clientId: 'a-1', amount: 6_000_000, currency: 'CNY', startDate: '2026-01-10', maturityDate: '2026-12-10', collateral: '房产抵押', lastCheckedOn: '2026-10-01' }),
    loan.parse({ loanId: 'la-2', clientId: 'a-2', amount: 2_000_000, currency: 'CNY', startDate: '2026-02-10', maturityDate: '2027-05-10', collateral: '保证', pastDueSince: '2026-10-27', lastCheckedOn: '2026-11-01' }),
    loan.parse({ loanId: 'lb-1', clientId: 'b-1', amount: 1_000_000, currency: 'CNY', startDate: '2026-03-01', maturityDate: '2026-12-01', lastCheckedOn: '2026-11-01' }),
  ]);
  await store.logTouch({ clientId: 'b-1', channel: 'visit', at: local('2026-11-12', '10:00'), source: 'cli' });
});

describe('portfolio-report job', () => {
  it('sends each RM their report and the manager the team report, once per week', async () => {
    const summary = await runPortfolioReport(depsOn(MONDAY));
    expect(summary.emails).toMatchObject({ sent: 4, alreadySent: 0, failed: 0 });
    expect(summary.read).toMatchObject({ rms: 3, reports: 3, teamReports: 1, snapshotsWritten: 4 });

    const again = await runPortfolioReport(depsOn(MONDAY));
    expect(again.emails).toMatchObject({ sent: 0, alreadySent: 4, failed: 0 });
    // Later in the same week the week's reports are already out: nothing is rebuilt.
    const tuesday = await runPortfolioReport(depsOn('2026-11-17'));
    expect(tuesday.emails).toMatchObject({ sent: 0, alreadySent: 4 });
    expect(tuesday.read).toMatchObject({ reports: 0, teamReports: 0 });

    expect(await inbox(address('rm-a'))).toHaveLength(1);
    expect(await inbox(address('rm-b'))).toHaveLength(1);
    expect(await inbox(address('lead'))).toHaveLength(2);
  });

  it('carries the four charts inline: referenced by cid:, present, PNGs of the expected size that are not blank', async () => {
    const [mail] = await parsedFor('rm-a', MONDAY);
    expect(mail).toBeDefined();
    const html = String(mail!.html);
    const images = mail!.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.map((a) => a.cid).sort()).toEqual(['coverage@rm-radar', 'ladder@rm-radar', 'mix@rm-radar', 'trend@rm-radar']);
    for (const image of images) {
      expect(html).toContain(`src="cid:${image.cid}"`);
      const png = decodePng(image.content);
      expect([png.width, png.height]).toEqual([CHART_SIZE.width * PIXEL_RATIO, CHART_SIZE.height * PIXEL_RATIO]);
      expect(greyDeviation(png), image.cid).toBeGreaterThan(10);
    }
    // The local SES received the same images (it keeps the parts it parsed).
    const [stored] = await inbox(address('rm-a'));
    expect(stored!.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(4);
  });

  it('reads in the RM’s language and explains its figures; the first report says when history starts', async () => {
    const [en] = await parsedFor('rm-a', MONDAY);
    expect(en!.subject).toBe(`Weekly portfolio report ${MONDAY}: 2 points to watch`);
    expect(en!.text).toContain('History starts on 2026-11-16: this is the first report');
    expect(en!.text).toContain('75.0% of the book, above the 30.0% concentration line');
    const [zh] = await parsedFor('rm-b', MONDAY);
    expect(zh!.subject).toContain('客户经理周报');
    expect(zh!.text).toContain('历史数据自 2026-11-16 起记录');
    expect(zh!.text).toContain('活期存款: 100万');
  });

  it('attaches the figures as a CSV that parses back to the same figures', async () => {
    const [mail] = await parsedFor('rm-a', MONDAY);
    const csv = mail!.attachments.find((a) => a.filename === `portfolio-rm-a-${MONDAY}-figures.csv`)!;
    expect([...csv.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv.content, { bom: true }) as string[][];
    const value = (id: string) => Number(rows.find((r) => r[1] === id)![3]);
    expect(value('demand-deposits')).toBe(3_200_000);
    expect(value('time-deposits')).toBe(1_800_000);
    expect(value('loans-outstanding')).toBe(8_000_000);
    expect(value('maturity-2026-12')).toBe(6_000_000);
    expect(value('arrears-11-30')).toBe(2_000_000);
    expect(value('collateral-mortgage')).toBe(6_000_000);
    expect(value('coverage-A')).toBe(1);
    expect(value('coverage-B')).toBe(0);
    const exposures = parse(mail!.attachments.find((a) => a.filename === `portfolio-rm-a-${MONDAY}-exposures.csv`)!.content, { bom: true }) as string[][];
    expect(exposures.slice(1)).toEqual([
      ['1', 'Harbour Steel (a-1)', '6000000', '0.75'],
      ['2', 'Li Qiang (a-2)', '2000000', '0.25'],
    ]);
  });

  it('gives the manager one row per RM and the team totals', async () => {
    const [team] = await parsedFor('lead', '团队');
    expect(team).toBeDefined();
    expect(team!.text).toContain('Grace Lee (rm-a) | 50.0% | 0.0% | 1 · 200万 | 600万 | 0');
    expect(team!.text).toContain('王敏 (rm-b) | 100.0% | 0.0% | 0 · 0 | 100万 | 0');
    const rows = parse(team!.attachments.find((a) => a.filename?.endsWith('-team-figures.csv'))!.content, { bom: true }) as string[][];
    expect(Number(rows.find((r) => r[1] === 'loans-outstanding')![3])).toBe(9_000_000);
    expect(team!.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(4);
  });

  it('keeps a snapshot per RM and team by week, read back by key, and compares the next week with it', async () => {
    const snapshots = new SnapshotStore(store.table);
    const [first] = await snapshots.between('rm', 'rm-a', MONDAY, MONDAY);
    expect(first).toMatchObject({ date: MONDAY, totals: { demandDeposits: 3_200_000, loansOutstanding: 8_000_000, clients: { A: 1, B: 1, C: 0 } } });
    expect((await snapshots.between('team', 'lead', MONDAY, MONDAY))[0]!.totals.loansOutstanding).toBe(9_000_000);

    // A week later the book has moved: 500k more on demand.
    await putClients(store, [
      client.parse({ clientId: 'a-1', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'Harbour Steel', balances: { demandDeposits: 3_500_000, timeDeposits: 1_000_000, aum: 500_000 }, lastContactAt: local('2026-11-02', '10:00') }),
    ]);
    const summary = await runPortfolioReport(depsOn(NEXT_MONDAY));
    expect(summary.emails).toMatchObject({ sent: 4, failed: 0 });
    const [mail] = await parsedFor('rm-a', NEXT_MONDAY);
    expect(mail!.text).toContain('Demand deposits: 3.7M  (vs last week +500k');
    expect(mail!.text).toContain('History starts on 2026-11-16; comparisons before it show');
    const rows = parse(mail!.attachments.find((a) => a.filename?.endsWith('-figures.csv'))!.content, { bom: true }) as string[][];
    expect(rows.find((r) => r[1] === 'demand-deposits')!.slice(3, 8)).toEqual(['3700000', '3.7M', '500000', '', '']);
    expect((await snapshots.between('rm', 'rm-a', MONDAY, NEXT_MONDAY)).map((s) => s.date)).toEqual([MONDAY, NEXT_MONDAY]);
  });

  it('sends nothing before the configured weekday, nor on a holiday', async () => {
    const wednesdayConfig = testConfig(store.table.tableName, { REPORT_WEEKDAY: '3' });
    const deps = { ...depsOn('2026-11-30'), config: wednesdayConfig };
    expect((await runPortfolioReport(deps)).skipped).toBe('the weekly report is not due yet this week');
    expect((await runPortfolioReport(depsOn('2026-11-29'))).skipped).toBe('not a business day');
  });
});
