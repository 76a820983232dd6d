// The weekly report in a real browser (chromium): the RM's own page with its charts, a manager's team pages, nobody else's; the email's screenshot in both languages.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestStore, testConfig } from '../../support/local-aws.ts';
import { launchChromium, SCREENSHOT_DIR } from '../../support/browser.ts';
import { decodePng, greyDeviation } from '../../support/png.ts';
import { freePort, type RunningService } from '../../../bin/local/services.ts';
import { startWorkbench } from '../../../bin/local/workbench.ts';
import { client, loan, rm } from '../../../lambdas/core/model.ts';
import { fixedClock } from '../../../lambdas/core/clock.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { SnapshotStore } from '../../../lambdas/portfolio-report/store.ts';
import { buildReport } from '../../../lambdas/portfolio-report/build.ts';
import { readBook } from '../../../lambdas/portfolio-report/read-book.ts';
import { renderReportEmail } from '../../../lambdas/portfolio-report/email.ts';
import { testKeys } from '../../support/workbench.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';

const TZ = 'Asia/Shanghai';
const DATE = '2026-11-16';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();
const clock = fixedClock(local(DATE, '09:00'));

let store: RadarStore;
let config: AppConfig;
let workbench: RunningService;
let browser: Browser;

beforeAll(async () => {
  ({ store } = await createTestStore());
  config = testConfig(store.table.tableName);
  await store.putRms([
    rm.parse({ rmId: 'lead', name: '李主管', email: 'lead@bank.example', locale: 'zh-CN' }),
    rm.parse({ rmId: 'rm-a', name: 'Grace Lee', email: 'grace@bank.example', locale: 'en', managerId: 'lead' }),
    rm.parse({ rmId: 'rm-x', name: 'Other RM', email: 'other@bank.example', locale: 'en' }),
  ]);
  await putClients(store, [
    client.parse({ clientId: 'a-1', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'Harbour Steel', balances: { demandDeposits: 3_000_000, timeDeposits: 1_000_000, aum: 500_000 }, lastContactAt: local('2026-11-10', '10:00') }),
    client.parse({ clientId: 'l-1', rmId: 'lead', kind: 'corporate', tier: 'B', name: '东海能源集团', balances: { demandDeposits: 800_000, timeDeposits: 2_000_000, aum: 0 } }),
    client.parse({ clientId: 'x-1', rmId: 'rm-x', kind: 'corporate', tier: 'A', name: 'Secret Holdings', balances: { demandDeposits: 9_000_000, timeDeposits: 0, aum: 0 } }),
  ]);
  await store.putLoans([
    loan.parse({ loanId: 'la-1', clientId: 'a-1', amount: 6_000_000, currency: 'CNY', startDate: '2026-01-10', maturityDate: '2026-12-10', collateral: '房产抵押', lastCheckedOn: '2026-10-01' }),
    loan.parse({ loanId: 'll-1', clientId: 'l-1', amount: 1_500_000, currency: 'CNY', startDate: '2026-02-10', maturityDate: '2027-03-10', collateral: '保证', lastCheckedOn: '2026-11-01' }),
  ]);
  const snapshots = new SnapshotStore(store.table);
  for (const [week, demand] of [[3, 2_400_000], [2, 2_600_000], [1, 2_800_000]] as const) {
    const date = new Date(Date.parse(`${DATE}T00:00:00Z`) - week * 7 * 86_400_000).toISOString().slice(0, 10);
    await snapshots.putIfAbsent({ scope: 'rm', ownerId: 'rm-a', date, takenAt: date, totals: { demandDeposits: demand, timeDeposits: 1_000_000, aum: 500_000, loansOutstanding: 6_000_000, clients: { A: 1, B: 0, C: 0 } } }, new Date());
  }
  workbench = await startWorkbench({ port: await freePort(), store, config, clock, log: silentLog, keys: testKeys });
  browser = await launchChromium();
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await workbench?.stop();
});

async function signedIn(rmName: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${workbench.url}/today`);
  await page.getByRole('button', { name: new RegExp(rmName) }).click();
  await page.waitForURL(/\/today/);
  return { context, page };
}

/** Every chart image on the page loaded and is a real picture. */
async function expectChartsShown(page: Page, count: number) {
  const images = page.locator('img.chart');
  await expect.poll(() => images.count()).toBe(count);
  for (let i = 0; i < count; i++) {
    await expect.poll(() => images.nth(i).evaluate((img) => { const image = img as unknown as { complete: boolean; naturalWidth: number }; return image.complete && image.naturalWidth; })).toBe(1200);
  }
}

describe('the weekly report in the workbench', () => {
  it('shows the RM their own report with its four charts and the trend from history', async () => {
    const { context, page } = await signedIn('Grace Lee');
    // The page view is one request to the server: the charts come inline, built with the page, not fetched (and built) again.
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${workbench.url}/report?date=${DATE}`);
    expect(await page.locator('h1').textContent()).toContain('Grace Lee: weekly portfolio report (2026-11-16)');
    expect(await page.locator('body').textContent()).toContain('History starts on 2026-10-26');
    await expectChartsShown(page, 4);
    const sources = await page.locator('img.chart').evaluateAll((images) => images.map((img) => img.getAttribute('src') ?? ''));
    for (const src of sources) {
      expect(src.startsWith('data:image/png;base64,')).toBe(true);
      expect(greyDeviation(decodePng(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64')))).toBeGreaterThan(10);
    }
    expect(requested.filter((path) => path !== '/static/app.css')).toEqual(['/report']);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-page-en.png'), fullPage: true });
    // Not a manager: no team pages, and nobody else's report; chart URLs no longer exist.
    for (const path of ['/report/team', '/report/rm/rm-x', '/report/rm/lead', '/report/own/charts/trend.png', '/report/rm/rm-x/charts/trend.png']) {
      expect((await context.request.get(`${workbench.url}${path}?date=${DATE}`)).status(), path).toBe(404);
    }
    await context.close();
  });

  it('shows a manager the team report and each member’s report, read only, and no one else’s', async () => {
    const { context, page } = await signedIn('李主管');
    await page.goto(`${workbench.url}/report/team?date=${DATE}`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('团队明细');
    expect(text).toContain('Grace Lee (rm-a)');
    expect(text).not.toContain('Secret Holdings');
    await expectChartsShown(page, 4);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-team-zh.png'), fullPage: true });
    await page.getByRole('link', { name: 'Grace Lee' }).click();
    await page.waitForURL(/\/report\/rm\/rm-a/);
    expect(await page.locator('main').textContent()).toContain('Harbour Steel');
    await expectChartsShown(page, 4);
    expect(await page.locator('main form').count()).toBe(0);
    expect((await context.request.get(`${workbench.url}/report/rm/rm-x?date=${DATE}`)).status()).toBe(404);
    await context.close();
  });

  it('reads at phone width (390 px) in both languages: the own and the team page, nothing wider than the screen (screenshots)', async () => {
    for (const [rmName, path, name] of [['Grace Lee', '/report', 'report-page-en-phone'], ['李主管', '/report', 'report-page-zh-phone'], ['李主管', '/report/team', 'report-team-zh-phone']] as const) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      await page.goto(`${workbench.url}/today`);
      await page.getByRole('button', { name: new RegExp(rmName) }).click();
      await page.waitForURL(/\/today/);
      await page.goto(`${workbench.url}${path}?date=${DATE}`);
      await expectChartsShown(page, 4);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      // The charts shrink to the screen; no table or text pushes the page sideways.
      expect(await page.evaluate('document.documentElement.scrollWidth'), name).toBeLessThanOrEqual(390);
      expect(await page.locator('img.chart').first().evaluate((img) => img.getBoundingClientRect().width)).toBeLessThanOrEqual(390);
      await context.close();
    }
  });

  it('renders the report email with its inline charts in chromium, in both languages, on a desktop and a phone (screenshots)', async () => {
    for (const [rmId, locale] of [['rm-a', 'en'], ['lead', 'zh-CN']] as const) {
      const theRm = (await store.getRm(rmId))!;
      const book = await readBook(store, theRm, DATE, TZ);
      const report = await buildReport({ store, config, now: clock.now() }, { scope: 'rm', ownerId: rmId, who: theRm.name, locale }, book, DATE);
      const email = renderReportEmail({ to: theRm.email, businessDate: DATE, view: report.view, charts: report.charts, exports: [] });
      // A mail client resolves cid: to the inline parts; the screenshot does the same with data: URLs.
      let htmlWithImages = email.html;
      for (const part of email.attachments ?? []) {
        if (part.cid) htmlWithImages = htmlWithImages.replaceAll(`cid:${part.cid}`, `data:image/png;base64,${(part.content as Buffer).toString('base64')}`);
      }
      expect(htmlWithImages).not.toContain('cid:');
      const file = join(SCREENSHOT_DIR, `report-email-${locale}.html`);
      await writeFile(file, htmlWithImages);
      const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
      const page = await context.newPage();
      await page.goto(`file://${join(process.cwd(), file)}`);
      await expectChartsShown(page, 4);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `report-email-${locale}.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `report-email-${locale}-phone.png`), fullPage: true });
      expect(await page.locator('img.chart').first().evaluate((img) => img.getBoundingClientRect().width)).toBeLessThanOrEqual(390);
      expect(await page.evaluate('document.documentElement.scrollWidth'), `email ${locale}`).toBeLessThanOrEqual(390);
      await context.close();
    }
  });
});
