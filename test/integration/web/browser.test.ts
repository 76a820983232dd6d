// The workbench in a real browser (chromium) against DynamoDB Local and the local SES: an RM works through the day's list, from the page and from the email.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { addresses, BUSINESS_DATE, morningOf, NEXT_BUSINESS_DATE, seedBook, testKeys } from '../../support/workbench.ts';
import { launchChromium, SCREENSHOT_DIR } from '../../support/browser.ts';
import { freePort, type RunningService } from '../../../bin/local/services.ts';
import { startWorkbench } from '../../../bin/local/workbench.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { BusinessCalendar } from '../../../lambdas/core/dates/calendar.ts';
import type { Clock } from '../../../lambdas/core/clock.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { runCallList } from '../../../lambdas/call-list/job.ts';
import { CallListStore } from '../../../lambdas/call-list/store.ts';
import { collectReminders, runTouchReminders } from '../../../lambdas/touch-reminders/job.ts';
import { reminderWindow } from '../../../lambdas/touch-reminders/occasions.ts';
import { signedEmailLinks } from '../../../lambdas/web/email-links.ts';
import { signLink } from '../../../lambdas/web/link-token.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import { filedStory } from '../../support/digest-entries.ts';

let store: RadarStore;
let config: AppConfig;
let emails: { a: string; b: string };
let workbench: RunningService;
let browser: Browser;
const clock = morningOf(BUSINESS_DATE);
const sizes = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

const jobDeps = (at: Clock) => ({ ...createJobDeps(config, silentLog, at), store, links: signedEmailLinks({ baseUrl: workbench.url, keys: testKeys, clock: at }) });

beforeAll(async () => {
  ({ store } = await createTestStore());
  config = testConfig(store.table.tableName);
  emails = addresses();
  await seedBook(store, emails);
  workbench = await startWorkbench({ port: await freePort(), store, config, clock, log: silentLog, keys: testKeys });
  await runCallList(jobDeps(clock), { businessDate: BUSINESS_DATE });
  await runTouchReminders(jobDeps(clock), { businessDate: BUSINESS_DATE });
  // The day's news as prospect-scan files it: a risk alert on a client of RM A's, three prospects, and one of RM B's.
  await new ProspectStore(store.table).putDigestEntries(
    [
      filedStory('rm-a', 'story-risk', BUSINESS_DATE, { category: 'risk-alert', company: 'Shencheng Materials', companyKey: 'shencheng materials', clientId: 'a-arrears', primary: { type: 'risk' }, title: 'Shencheng Materials sued by suppliers' }),
      filedStory('rm-a', 'story-ipo', '2026-03-04', { category: 'ipo', company: 'Xinghe Battery', companyKey: 'xinghe battery', primary: { type: 'ipo', stage: 'filed' }, title: 'Xinghe Battery files for Shanghai IPO' }),
      filedStory('rm-a', 'story-plant', BUSINESS_DATE),
      filedStory('rm-a', 'story-fair', BUSINESS_DATE, { company: 'Qinghe Foods', companyKey: 'qinghe foods', title: 'Qinghe Foods opens a new factory' }),
      filedStory('rm-b', 'story-b', BUSINESS_DATE, { company: '华东钢贸', companyKey: '华东钢贸', title: '华东钢贸拟新建仓库' }),
    ],
    clock.now(),
  );
  browser = await launchChromium();
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await workbench?.stop();
});

async function signedIn(rmName: string, viewport: (typeof sizes)[number] = sizes[0]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${workbench.url}/today`);
  expect(new URL(page.url()).pathname).toBe('/signin');
  await page.getByRole('button', { name: new RegExp(rmName) }).click();
  await page.waitForURL(/\/today/);
  return { context, page };
}

const line = (page: Page, clientId: string) => page.locator(`#line-${clientId}`);
const lines = (rmId: string, date: string) => new CallListStore(store.table).get(rmId, date);

describe('the workbench in a browser', () => {
  it('signs in as an RM and shows the stored list, with a tel: link per contact; screenshots of Today, Client and History in both languages', async () => {
    const stored = await lines('rm-a', BUSINESS_DATE);
    for (const [rmName, language, clientId] of [['Grace Lee', 'en', 'a-big'], ['王敏', 'zh', 'b-1']] as const) {
      for (const size of sizes) {
        const { context, page } = await signedIn(rmName, size);
        if (language === 'en') {
          await expect.poll(() => page.locator('li.line').count()).toBe(stored!.lines.length);
          for (const storedLine of stored!.lines) await expect.poll(() => line(page, storedLine.clientId).locator('a.client').textContent()).toBe(storedLine.clientName);
          expect(await line(page, 'a-big').locator('a.tel').getAttribute('href')).toBe('tel:13800000002');
        } else {
          expect(await page.locator('h1').textContent()).toContain('拜访清单');
        }
        // Nothing may overflow a phone's width.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/today-${language}-${size.width}.png`, fullPage: true });
        await page.goto(`${workbench.url}/clients/${clientId}`);
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/client-${language}-${size.width}.png`, fullPage: true });
        await page.goto(`${workbench.url}/history`);
        expect(await page.locator('section.history-list').count()).toBeGreaterThan(0);
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/history-${language}-${size.width}.png`, fullPage: true });
        await context.close();
      }
    }
  });

  it('marks a line done with an outcome: the line shows done, the touch is stored, last contact moves, the next list leaves the client out', async () => {
    const { context, page } = await signedIn('Grace Lee');
    const row = line(page, 'a-quiet');
    await row.locator('summary', { hasText: 'Done' }).click();
    const form = row.locator('form[action$="/done"]');
    await form.getByLabel('Outcome').fill('left a message with the assistant');
    await form.getByLabel('Note').fill('call back Monday');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/ok=done/);
    expect(await line(page, 'a-quiet').locator('[data-status]').getAttribute('data-status')).toBe('done');
    expect(await page.getByRole('status').textContent()).toContain('Done: recorded.');
    const dossier = await store.getDossier('a-quiet');
    expect(dossier.touches[0]).toMatchObject({ outcome: 'left a message with the assistant', note: 'call back Monday', source: 'web', channel: 'call' });
    expect(dossier.client.lastContactAt).toBe(clock.now().toISOString());
    await runCallList(jobDeps(morningOf(NEXT_BUSINESS_DATE)), { businessDate: NEXT_BUSINESS_DATE });
    const next = await lines('rm-a', NEXT_BUSINESS_DATE);
    expect(next).toBeDefined();
    expect(next!.lines.map((l) => l.clientId)).not.toContain('a-quiet');
    await context.close();
  });

  it('snoozes a line until a date', async () => {
    const { context, page } = await signedIn('Grace Lee');
    const row = line(page, 'a-big');
    await row.locator('summary', { hasText: 'Snooze' }).click();
    const form = row.locator('form[action$="/snooze"]');
    await form.getByLabel('Until').fill('2026-03-20');
    await form.getByRole('button', { name: 'Snooze' }).click();
    await page.waitForURL(/ok=snoozed/);
    expect(await line(page, 'a-big').locator('[data-status]').getAttribute('data-status')).toBe('snoozed');
    expect((await store.getClient('a-big'))!.snoozedUntil).toBe('2026-03-20');
    expect((await lines('rm-a', BUSINESS_DATE))!.lines.find((l) => l.clientId === 'a-big')).toMatchObject({ status: 'snoozed', source: 'web' });
    await context.close();
  });

  it('a Chinese RM on an English browser sees the snooze date as 年-月-日 with its hint in Chinese, and a date typed as 2026年3月20日 is taken', async () => {
    const context = await browser.newContext({ viewport: sizes[0], locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${workbench.url}/signin`);
    await page.getByRole('button', { name: /王敏/ }).click();
    await page.waitForURL(/\/today/);
    const row = line(page, 'b-1');
    await row.locator('summary', { hasText: '推迟' }).click();
    const until = row.getByLabel('推迟到');
    expect(await until.inputValue()).toBe('2026-03-12');
    expect(await until.getAttribute('placeholder')).toBe('年-月-日');
    expect(await row.locator('#until-b-1-hint').textContent()).toBe('按“年-月-日”填写，如 2026-03-12');
    await row.screenshot({ path: `${SCREENSHOT_DIR}/snooze-zh-390.png` });
    await until.fill('2026年3月20日');
    await row.locator('form[action$="/snooze"]').getByRole('button').click();
    await page.waitForURL(/ok=snoozed/);
    expect((await store.getClient('b-1'))!.snoozedUntil).toBe('2026-03-20');
    await context.close();
  });

  it('opens the "done" link of the actual email, confirms, and a second confirmation records nothing twice', async () => {
    const [email] = (await inbox(emails.a)).filter((e) => e.subject.startsWith(`Call list for ${BUSINESS_DATE}`));
    const links = [...email!.body.html!.matchAll(/href="([^"]+)">Done</g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const arrearsLink = links.find((href) => JSON.parse(Buffer.from(href.split('/l/')[1]!.split('.')[1]!, 'base64url').toString()).client === 'a-arrears');
    expect(arrearsLink).toBeDefined();
    const context = await browser.newContext({ viewport: sizes[0] });
    const page = await context.newPage();
    const before = (await store.getDossier('a-arrears')).touches.length;
    await page.goto(arrearsLink!);
    expect(await page.locator('form.confirm p').textContent()).toContain('Shencheng Materials');
    expect((await store.getDossier('a-arrears')).touches).toHaveLength(before);
    await page.getByLabel('Outcome').fill('promised to repay on Friday');
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Done: recorded.');
    await page.goBack();
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(await page.getByRole('status').textContent()).toContain('already done');
    const touches = (await store.getDossier('a-arrears')).touches;
    expect(touches).toHaveLength(before + 1);
    expect(touches[0]).toMatchObject({ outcome: 'promised to repay on Friday', source: 'email-link' });
    expect((await lines('rm-a', BUSINESS_DATE))!.lines.find((l) => l.clientId === 'a-arrears')!.status).toBe('done');
    await context.close();
  });

  it('a tampered and an expired link each show their page', async () => {
    const context = await browser.newContext({ viewport: sizes[0] });
    const page = await context.newPage();
    const valid = signLink(testKeys, { rm: 'rm-a', client: 'a-big', date: BUSINESS_DATE, action: 'done' }, new Date(clock.now().getTime() + 86_400_000));
    const [id, payload, signature] = valid.split('.');
    const tampered = `${id}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const tamperedResponse = await page.goto(`${workbench.url}/l/${tampered}`);
    expect(tamperedResponse!.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('not valid');
    const expired = signLink(testKeys, { rm: 'rm-a', client: 'a-big', date: '2026-02-20', action: 'done' }, new Date(clock.now().getTime() - 1000));
    const expiredResponse = await page.goto(`${workbench.url}/l/${expired}`);
    expect(expiredResponse!.status()).toBe(410);
    expect(await page.getByRole('alert').textContent()).toContain('expired');
    await context.close();
  });

  it("RM B opening RM A's client gets 404, and so does RM B posting a form for it", async () => {
    const { context, page } = await signedIn('王敏');
    const response = await page.goto(`${workbench.url}/clients/a-big`);
    expect(response!.status()).toBe(404);
    await page.goto(`${workbench.url}/clients/b-1`);
    const csrf = await page.locator('form[action="/clients/b-1/touches"] input[name="csrf"]').getAttribute('value');
    const before = (await store.getDossier('a-big')).touches.length;
    const posted = await page.request.post(`${workbench.url}/clients/a-big/touches`, { form: { csrf: csrf!, channel: 'call', outcome: 'not mine' } });
    expect(posted.status()).toBe(404);
    const line = await page.request.post(`${workbench.url}/lines/a-big/done`, { form: { csrf: csrf!, outcome: 'not mine', date: BUSINESS_DATE } });
    expect(line.status()).toBe(404);
    expect((await store.getDossier('a-big')).touches).toHaveLength(before);
    await context.close();
  });

  it('the news actions on Today: not relevant, add to watch-list and log a contact each post, are stored, and the story leaves Today', async () => {
    const prospects = new ProspectStore(store.table);
    const entry = (storyId: string, foundOn = BUSINESS_DATE) => prospects.getEntry({ foundOn, rmId: 'rm-a', storyId });
    const story = (page: Page, storyId: string) => page.locator(`li[data-story="${storyId}"]`);
    const { context, page } = await signedIn('Grace Lee');
    expect(await page.locator('li[data-story]').evaluateAll((items) => items.map((item) => item.getAttribute('data-story')))).toEqual([
      'story-risk',
      'story-ipo',
      'story-fair',
      'story-plant',
    ]);

    await story(page, 'story-plant').getByRole('button', { name: 'Not relevant' }).click();
    await page.waitForURL(/ok=dismissed/);
    expect(await page.getByRole('status').textContent()).toContain('Marked not relevant');
    expect(await story(page, 'story-plant').count()).toBe(0);
    expect(await entry('story-plant')).toMatchObject({ handledAs: 'not-relevant' });

    await story(page, 'story-ipo').getByRole('button', { name: 'Add to watch-list' }).click();
    await page.waitForURL(/ok=watched/);
    expect(await story(page, 'story-ipo').count()).toBe(0);
    expect(await entry('story-ipo', '2026-03-04')).toMatchObject({ handledAs: 'watch-list' });
    expect((await store.getRm('rm-a'))!.watchList).toContain('Xinghe Battery');

    // A prospect: the contact is a note on the story.
    await story(page, 'story-fair').locator('summary', { hasText: 'Log a contact' }).click();
    await story(page, 'story-fair').getByLabel('Note').fill('met their CFO at the fair');
    await story(page, 'story-fair').getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/ok=contacted/);
    expect(await story(page, 'story-fair').count()).toBe(0);
    expect(await entry('story-fair')).toMatchObject({ handledAs: 'contacted', handledNote: 'met their CFO at the fair' });

    // A client's story: the contact is a touch logged on the client's page, which marks the story contacted with it.
    await story(page, 'story-risk').getByRole('link', { name: 'Log a contact' }).click();
    await page.waitForURL(/\/clients\/a-arrears/);
    const form = page.locator('#log-touch');
    expect(await form.locator('[data-about-story]').textContent()).toContain('Shencheng Materials sued by suppliers');
    await form.getByText('Visit', { exact: true }).click();
    await form.getByLabel('Or in your own words').fill('discussed the lawsuit');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/ok=touch/);
    expect((await store.getDossier('a-arrears')).touches.find((t) => t.outcome === 'discussed the lawsuit')).toMatchObject({ channel: 'visit', source: 'web' });
    expect(await entry('story-risk')).toMatchObject({ handledAs: 'contacted' });
    await page.goto(`${workbench.url}/today`);
    expect(await page.locator('li[data-story]').count()).toBe(0);
    expect(await page.locator('#news-heading + p').textContent()).toContain('No news');
    await context.close();
  });

  it('a reminder marked done logs the touch and is not reminded again', async () => {
    const key = 'birthday:a-big:p-1:2026-03-05';
    const { context, page } = await signedIn('Grace Lee');
    const reminder = page.locator(`li[data-reminder="${key}"]`);
    await reminder.getByText('Mark done').click();
    await reminder.getByLabel('Outcome').fill('wishes sent');
    await reminder.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/ok=done/);
    expect(await page.locator(`li[data-reminder="${key}"]`).count()).toBe(0);
    expect((await store.getDossier('a-big')).touches[0]).toMatchObject({ outcome: 'wishes sent', channel: 'message', source: 'web' });
    const rm = (await store.getRm('rm-a'))!;
    const again = await collectReminders({ store, config }, rm, reminderWindow(BUSINESS_DATE, new BusinessCalendar(config.calendar)));
    expect(again.reminders.some((r) => r.kind === 'birthday' && r.clientId === 'a-big')).toBe(false);
    await context.close();
  });

  it('logs a touch on a phone in three taps, channel, outcome and save, in both languages', async () => {
    for (const [rmName, clientId, channel, outcome, save] of [
      ['Grace Lee', 'a-quiet', 'Visit', 'No answer', 'Save'],
      ['王敏', 'b-1', '拜访', '已约见', '保存'],
    ] as const) {
      const { context, page } = await signedIn(rmName);
      await page.goto(`${workbench.url}/clients/${clientId}`);
      const form = page.locator('#log-touch');
      // Defaults are preselected, so a call that reached the client is one tap (Save).
      expect(await form.locator('input[name="channel"]:checked').getAttribute('value')).toBe('call');
      await form.getByText(channel, { exact: true }).click();
      await form.getByText(outcome, { exact: true }).click();
      await form.getByRole('button', { name: save }).click();
      await page.waitForURL(/ok=touch/);
      // The workbench's clock stands still, so this touch shares its time with earlier ones: find it by what it says.
      expect((await store.getDossier(clientId)).touches.filter((touch) => touch.outcome === outcome)).toMatchObject([{ channel: 'visit', source: 'web' }]);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(sizes[0].width);
      await context.close();
    }
  });
});
