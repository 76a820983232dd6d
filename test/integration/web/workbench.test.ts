// The workbench app against DynamoDB Local and the local SES: authorisation per RM, CSRF, GETs that change nothing, links from the real emails.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, inbox, testConfig } from '../../support/local-aws.ts';
import { addresses, BUSINESS_DATE, local, morningOf, NEXT_BUSINESS_DATE, seedBook, testApp, testKeys } from '../../support/workbench.ts';
import { createJobDeps } from '../../../lambdas/core/deps.ts';
import { silentLog } from '../../../lambdas/core/log.ts';
import { fixedClock, type Clock } from '../../../lambdas/core/clock.ts';
import type { AppConfig } from '../../../lambdas/core/config.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { runCallList } from '../../../lambdas/call-list/job.ts';
import { runTouchReminders, collectReminders, touchRemindersWork } from '../../../lambdas/touch-reminders/job.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { client, rm } from '../../../lambdas/core/model.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';
import { entities } from '../../../lambdas/core/store/entities.ts';
import { loadTodayView } from '../../../lambdas/web/views.ts';
import { isReferralAskDue, reminderWindow } from '../../../lambdas/touch-reminders/occasions.ts';
import { handledMarkers } from '../../../lambdas/touch-reminders/handled.ts';
import { BusinessCalendar } from '../../../lambdas/core/dates/calendar.ts';
import { CallListStore } from '../../../lambdas/call-list/store.ts';
import { signedEmailLinks } from '../../../lambdas/web/email-links.ts';
import { signLink } from '../../../lambdas/web/link-token.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import { prospectRecord } from '../../../lambdas/prospect-scan/model.ts';
import { filedStory } from '../../support/digest-entries.ts';
import { prospectKey } from '../../../lambdas/core/company-name.ts';

let store: RadarStore;
let config: AppConfig;
let emails: { a: string; b: string };
const clock = morningOf(BUSINESS_DATE);
const links = signedEmailLinks({ baseUrl: 'http://127.0.0.1', keys: testKeys, clock });

const jobDeps = (at: Clock) => ({ ...createJobDeps(config, silentLog, at), store, links: signedEmailLinks({ baseUrl: 'http://127.0.0.1', keys: testKeys, clock: at }) });

beforeAll(async () => {
  ({ store } = await createTestStore());
  config = testConfig(store.table.tableName);
  emails = addresses();
  await seedBook(store, emails);
  await runCallList(jobDeps(clock), { businessDate: BUSINESS_DATE });
  await runTouchReminders(jobDeps(clock), { businessDate: BUSINESS_DATE });
});

/** A browser-like session on the app: cookies kept, the latest page's form token remembered. */
function session(at: Clock = clock) {
  const app = testApp(store, config, at);
  let cookie = '';
  let csrf = '';
  const remember = async (response: Response) => {
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const body = await response.text();
    const token = /name="csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) csrf = token;
    return { status: response.status, body, location: response.headers.get('location') ?? '' };
  };
  return {
    get: async (path: string) => remember(await app.request(path, { headers: { cookie } })),
    post: async (path: string, form: Record<string, string>, withCsrf = true) =>
      remember(
        await app.request(path, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...(withCsrf ? { csrf } : {}), ...form }),
        }),
      ),
    async signIn(rmId: string) {
      await this.get('/signin');
      const result = await this.post('/signin', { rmId });
      expect(result.status).toBe(303);
      await this.get('/today');
    },
  };
}

const touchesOf = async (clientId: string) => (await store.getDossier(clientId, 50)).touches;

describe('workbench authorisation', () => {
  it('sends a visitor without a session to the sign-in', async () => {
    const visitor = session();
    expect(await visitor.get('/today')).toMatchObject({ status: 302, location: '/signin' });
    expect(await visitor.get('/clients/a-big')).toMatchObject({ status: 302, location: '/signin' });
  });

  it("RM B gets 404 for RM A's client, whether reading it or posting any form for it, and nothing is written", async () => {
    const b = session();
    await b.signIn('rm-b');
    expect((await b.get('/clients/a-big')).status).toBe(404);
    expect((await b.get('/clients/no-such-client')).status).toBe(404);
    const before = await touchesOf('a-big');
    expect((await b.post('/lines/a-big/done', { outcome: 'called', date: BUSINESS_DATE })).status).toBe(404);
    expect((await b.post('/lines/a-big/snooze', { until: '2026-03-20', date: BUSINESS_DATE })).status).toBe(404);
    expect((await b.post('/lines/a-big/skip', { date: BUSINESS_DATE })).status).toBe(404);
    expect((await b.post('/clients/a-big/touches', { channel: 'call', outcome: 'x' })).status).toBe(404);
    expect((await b.post('/reminders/done', { key: 'birthday:a-big:p-1:2026-03-05', channel: 'message' })).status).toBe(404);
    expect(await touchesOf('a-big')).toEqual(before);
    const list = await new CallListStore(store.table).get('rm-a', BUSINESS_DATE);
    expect(list!.lines.find((l) => l.clientId === 'a-big')!.status).toBe('open');
    expect((await store.getClient('a-big'))!.snoozedUntil).toBeUndefined();
  });

  it('refuses a form without its session’s token (403) and one made for another session', async () => {
    const a = session();
    await a.signIn('rm-a');
    expect((await a.post('/clients/a-quiet/touches', { channel: 'call' }, false)).status).toBe(403);
    const other = session();
    await other.signIn('rm-a');
    const forged = await a.post('/clients/a-quiet/touches', { channel: 'call', csrf: 'x'.repeat(43) }, false);
    expect(forged.status).toBe(403);
    expect(await touchesOf('a-quiet')).toEqual([]);
  });

  it("searches only the signed-in RM's clients, by a form post that keeps the name out of the URL", async () => {
    const a = session();
    await a.signIn('rm-a');
    expect((await a.get('/today')).body).toMatch(/<form class="inline search" method="post" action="\/search"/);
    const found = await a.post('/search', { q: 'Shencheng' });
    expect(found.status).toBe(200);
    expect(found.body).toContain('/clients/a-arrears');
    expect((await a.post('/search', { q: '华东钢贸' })).body).not.toContain('/clients/b-1');
    // No search by GET, and a search without its form token is refused like any other form.
    expect((await a.get('/search?q=Shencheng')).status).toBe(404);
    expect((await a.post('/search', { q: 'Shencheng' }, false)).status).toBe(403);
  });

  it('finds a client typed in Traditional script or in full-width letters, as written in Simplified or ASCII', async () => {
    const b = session();
    await b.signIn('rm-b');
    for (const typed of ['華東鋼貿', '华东钢贸', '鋼貿有限']) expect((await b.post('/search', { q: typed })).body).toContain('/clients/b-1');
    const a = session();
    await a.signIn('rm-a');
    expect((await a.post('/search', { q: 'ＳＨＥＮＣＨＥＮＧ' })).body).toContain('/clients/a-arrears');
  });

  it('shows RM B only their own list, in Chinese', async () => {
    const b = session();
    await b.signIn('rm-b');
    const today = await b.get('/today');
    expect(today.body).toContain('华东钢贸有限公司');
    expect(today.body).not.toContain('East China Steel Trading');
    expect(today.body).toContain('拜访清单');
  });
});

describe('one-tap links', () => {
  it('the email carries done/snooze/open links; opening one changes nothing, confirming does it once, with its source', async () => {
    const [email] = (await inbox(emails.a)).filter((e) => e.subject.startsWith('Call list'));
    const done = /href="(http:\/\/127\.0\.0\.1\/l\/[^"]+)">Done</.exec(email!.body.html!)?.[1];
    expect(done).toBeDefined();
    expect(email!.body.html).not.toMatch(/\/l\/[^"]*(Zhao|Shencheng|138)/);
    const path = new URL(done!.replace(/&amp;/g, '&')).pathname;
    const phone = session();
    const before = await touchesOf('a-arrears');
    const confirm = await phone.get(path);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Record a call with Shencheng Materials as done?');
    expect(await touchesOf('a-arrears')).toEqual(before);

    const first = await phone.post(path, { outcome: 'promised to repay Friday', channel: 'call' });
    expect(first.body).toContain('Done: recorded.');
    const touches = await touchesOf('a-arrears');
    expect(touches).toHaveLength(before.length + 1);
    expect(touches[0]).toMatchObject({ outcome: 'promised to repay Friday', source: 'email-link', rmId: 'rm-a' });
    const list = await new CallListStore(store.table).get('rm-a', BUSINESS_DATE);
    expect(list!.lines.find((l) => l.clientId === 'a-arrears')).toMatchObject({ status: 'done', outcome: 'promised to repay Friday', source: 'email-link' });

    const again = await phone.post(path, { outcome: 'promised to repay Friday', channel: 'call' });
    expect(again.body).toContain('already done');
    expect(await touchesOf('a-arrears')).toHaveLength(before.length + 1);
  });

  it('a tampered, an expired and a foreign link each get their own page, and change nothing', async () => {
    const token = signLink(testKeys, { rm: 'rm-a', client: 'a-quiet', date: BUSINESS_DATE, action: 'done' }, new Date(clock.now().getTime() + 86_400_000));
    const visitor = session();
    const tampered = `${token.slice(0, -3)}${token.endsWith('A') ? 'B' : 'A'}xx`;
    expect(await visitor.get(`/l/${tampered}`)).toMatchObject({ status: 400 });
    expect((await visitor.get(`/l/${tampered}`)).body).toContain('not valid');
    expect((await visitor.post(`/l/${tampered}`, { outcome: 'x' })).status).toBe(400);
    const later = session(fixedClock(new Date(clock.now().getTime() + 2 * 86_400_000)));
    const expired = await later.get(`/l/${token}`);
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('expired');
    const b = session();
    await b.signIn('rm-b');
    const foreign = await b.get(`/l/${token}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('sent to another RM');
    expect(await touchesOf('a-quiet')).toEqual([]);
  });

  it('a link whose client moved to another RM is a 404', async () => {
    const token = signLink(testKeys, { rm: 'rm-b', client: 'a-quiet', date: BUSINESS_DATE, action: 'snooze' }, new Date(clock.now().getTime() + 86_400_000));
    expect((await session().get(`/l/${token}`)).status).toBe(404);
  });
});

describe('reminders from the workbench', () => {
  it('a reminder marked done logs the touch and is not reminded again', async () => {
    const a = session();
    await a.signIn('rm-a');
    const today = await a.get('/today');
    expect(today.body).toContain('data-reminder="birthday:a-big:p-1:2026-03-05"');
    const result = await a.post('/reminders/done', { key: 'birthday:a-big:p-1:2026-03-05', channel: 'message', outcome: 'wishes sent' });
    expect(result).toMatchObject({ status: 303 });
    expect((await touchesOf('a-big'))[0]).toMatchObject({ channel: 'message', outcome: 'wishes sent', source: 'web' });
    expect((await handledMarkers(store.table, ['birthday:a-big:p-1:2026-03-05'])).get('birthday:a-big:p-1:2026-03-05')).toMatchObject({ status: 'done', source: 'web' });
    expect((await a.get('/today')).body).not.toContain('data-reminder="birthday:a-big:p-1:2026-03-05"');
    const rm = (await store.getRm('rm-a'))!;
    const window = reminderWindow(BUSINESS_DATE, new BusinessCalendar(config.calendar));
    const again = await collectReminders({ store, config }, rm, window);
    expect(again.reminders.some((r) => r.kind === 'birthday' && r.clientId === 'a-big')).toBe(false);
    const twice = await a.post('/reminders/done', { key: 'birthday:a-big:p-1:2026-03-05', channel: 'message' });
    expect(twice.location).toContain('ok=already');
  });

  it('a line marked done in the workbench leaves the next business day’s list', async () => {
    const first = await new CallListStore(store.table).get('rm-a', BUSINESS_DATE);
    expect(first!.lines.map((l) => l.clientId)).toContain('a-quiet');
    const a = session();
    await a.signIn('rm-a');
    const result = await a.post('/lines/a-quiet/done', { outcome: 'left a message', channel: 'call', date: BUSINESS_DATE });
    expect(result.status).toBe(303);
    expect((await touchesOf('a-quiet'))[0]).toMatchObject({ source: 'web', outcome: 'left a message' });
    expect((await new CallListStore(store.table).get('rm-a', BUSINESS_DATE))!.lines.find((l) => l.clientId === 'a-quiet')).toMatchObject({ status: 'done', source: 'web' });
    expect((await store.getClient('a-quiet'))!.lastContactAt).toBe(clock.now().toISOString());
    await runCallList(jobDeps(morningOf(NEXT_BUSINESS_DATE)), { businessDate: NEXT_BUSINESS_DATE });
    const next = await new CallListStore(store.table).get('rm-a', NEXT_BUSINESS_DATE);
    expect(next!.lines.map((l) => l.clientId)).not.toContain('a-quiet');
  });

  it('History shows the recent lists newest first, each line with what was done, and only the RM’s own', async () => {
    const listDates = (body: string) => [...body.matchAll(/<h2 id="list-([\d-]+)">/g)].map((match) => match[1]);
    const a = session(morningOf(NEXT_BUSINESS_DATE));
    await a.signIn('rm-a');
    const page = await a.get('/history');
    expect(page.status).toBe(200);
    expect(listDates(page.body)).toEqual([NEXT_BUSINESS_DATE, BUSINESS_DATE]);
    const earlier = page.body.slice(page.body.indexOf(`id="list-${BUSINESS_DATE}"`));
    expect(earlier).toMatch(/<li data-client="a-quiet"><a href="\/clients\/a-quiet">Li Qiang<\/a>\s*<span class="badge status-done" data-status="done">Done<\/span> <span class="muted">left a message<\/span>/);
    expect(listDates((await a.get(`/history?before=${BUSINESS_DATE}`)).body)).toEqual([BUSINESS_DATE]);
    // A date that is not one is ignored: the lists up to today.
    expect(listDates((await a.get('/history?before=2026-02-30')).body)).toEqual([NEXT_BUSINESS_DATE, BUSINESS_DATE]);
    const b = session(morningOf(NEXT_BUSINESS_DATE));
    await b.signIn('rm-b');
    const theirs = (await b.get('/history')).body;
    expect(theirs).toContain('<h1>历史</h1>');
    expect(theirs).toContain('/clients/b-1');
    expect(theirs).not.toMatch(/a-quiet|a-big|a-arrears/);
  });

  it('Today takes the tier-A clients from what the morning’s run stored, not a read of the whole tier, and shows the same referral asks', async () => {
    const window = reminderWindow(BUSINESS_DATE, new BusinessCalendar(config.calendar));
    // Thirty tier-A clients, three of them due a referral ask on the day.
    const ids = Array.from({ length: 3000 }, (_, n) => `k-${n}`);
    const due = ids.filter((id) => isReferralAskDue(id, window.coveredDays)).slice(0, 3);
    const others = ids.filter((id) => !isReferralAskDue(id, window.coveredDays)).slice(0, 27);
    expect(due).toHaveLength(3);
    const rmK = rm.parse({ rmId: 'rm-k', name: 'Kai Wong', email: `kai-${emails.a}`, locale: 'en' });
    await store.putRms([rmK]);
    await putClients(store, [...due, ...others].map((clientId) => client.parse({ clientId, rmId: 'rm-k', kind: 'corporate', tier: 'A', name: `Key Client ${clientId}`, lastContactAt: local('2026-02-20', '10:00') })));
    const asJob = await collectReminders({ store, config }, rmK, window);
    const referrals = (reminders: Array<{ kind: string; clientId?: string }>) => reminders.filter((r) => r.kind === 'referral').map((r) => r.clientId).sort();
    expect(referrals(asJob.reminders)).toEqual([...due].sort());

    await touchRemindersWork.forRm(jobDeps(clock), rmK, BUSINESS_DATE, {});
    const queries: unknown[] = [];
    const send = store.table.doc.send.bind(store.table.doc);
    store.table.doc.send = ((command: Parameters<typeof send>[0]) => {
      if (command instanceof QueryCommand) queries.push(command.input.ExpressionAttributeValues);
      return send(command);
    }) as typeof store.table.doc.send;
    store.meter.reset();
    try {
      const view = await loadTodayView({ store, config, clock }, 'rm-k', BUSINESS_DATE);
      expect(view.reminders.filter((r) => r.line.kind === 'referral').map((r) => r.clientId).sort()).toEqual([...due].sort());
    } finally {
      store.table.doc.send = send;
    }
    const tierA = entities.client.byLastContactPartition('rm-k', 'A');
    expect(queries.some((values) => Object.values(values as object).includes(tierA))).toBe(false);
    // The stored ids, the three clients due and their referral-ask checks, the calendar and due indexes: not the thirty clients.
    expect(store.meter.itemsRead).toBeLessThan(30);
  });

  it('date fields read year-month-day as written in either language; one that cannot be read is a 400 naming the field in the RM’s language, and nothing is written', async () => {
    const b = session();
    await b.signIn('rm-b');
    const today = (await b.get('/today')).body;
    // A text field with the format beside it, in the RM's language: not the browser's own date format.
    expect(today).toMatch(/<input id="until-b-1" name="until" type="text" inputmode="numeric" autocomplete="off" maxlength="20" lang="zh-CN" placeholder="年-月-日" aria-describedby="until-b-1-hint" value="2026-03-12" required>/);
    expect(today).toContain('<span class="hint" id="until-b-1-hint">按“年-月-日”填写，如 2026-03-12</span>');
    expect(today).not.toContain('type="date"');
    const refused = await b.post('/lines/b-1/snooze', { until: '20/03/2026', date: BUSINESS_DATE });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('请检查：推迟到：日期请按“年-月-日”填写，如 2026-03-12');
    expect((await store.getClient('b-1'))!.snoozedUntil).toBeUndefined();
    const touches = await touchesOf('b-1');
    const badFollowUp = await b.post('/clients/b-1/touches', { channel: 'call', followUp: '2026-02-30' });
    expect(badFollowUp.body).toContain('跟进日期：日期请按“年-月-日”填写');
    expect(await touchesOf('b-1')).toEqual(touches);

    expect((await b.post('/clients/b-1/touches', { channel: 'call', outcome: '约了下周', followUp: '2026年3月19日' })).location).toBe('/clients/b-1?ok=touch');
    expect((await store.listOpenFollowUps('rm-b', '2026-12-31')).map((f) => f.dueOn)).toContain('2026-03-19');
    const a = session();
    await a.signIn('rm-a');
    expect((await a.get('/clients/a-quiet')).body).toContain('<span class="hint" id="touch-follow-hint">Year-month-day, e.g. 2026-03-12</span>');
    const english = await a.post('/clients/a-quiet/touches', { channel: 'call', followUp: 'next Tuesday' });
    expect(english.body).toContain('Please check: Follow-up on: write the date as year-month-day, e.g. 2026-03-12');
  });

  it('links are built for each line and reminder of an RM', () => {
    const urls = links.forReminder('rm-a', 'a-big', 'birthday:a-big:p-1:2026-03-05', BUSINESS_DATE);
    expect(Object.keys(urls)).toEqual(['done', 'snooze', 'open']);
    expect(urls.done).not.toContain('Zhao');
  });
});

describe('news on Today', () => {
  const story = filedStory;

  beforeAll(async () => {
    await new ProspectStore(store.table).putDigestEntries(
      [
        story('rm-a', 'story-old', '2026-03-01'),
        story('rm-a', 'story-ipo', '2026-03-04', { category: 'ipo', company: 'Xinghe Battery', companyKey: 'xinghe battery', primary: { type: 'ipo', stage: 'filed' }, title: 'Xinghe Battery files for Shanghai IPO' }),
        story('rm-a', 'story-risk', BUSINESS_DATE, { category: 'risk-alert', company: 'Shencheng Materials', companyKey: 'shencheng materials', clientId: 'a-arrears', primary: { type: 'risk' }, title: 'Shencheng Materials sued by suppliers' }),
        story('rm-a', 'story-plant', BUSINESS_DATE),
        story('rm-b', 'story-b', BUSINESS_DATE, { company: '华东钢贸', companyKey: '华东钢贸', title: '华东钢贸拟新建仓库' }),
      ],
      clock.now(),
    );
  });

  const storiesOn = (body: string) => [...body.matchAll(/data-story="([^"]+)"/g)].map((match) => match[1]);

  it('shows the RM’s stories of the last three days, risk alerts first, each with its source and actions, and none of another RM', async () => {
    const a = session();
    await a.signIn('rm-a');
    const today = await a.get('/today');
    // The story of four days ago has left Today; RM B's story is not RM A's.
    expect(storiesOn(today.body)).toEqual(['story-risk', 'story-ipo', 'story-plant']);
    expect(today.body).toContain('<a href="https://news.example/nanhai" rel="noopener noreferrer">Nanhai Robotics to build a second plant</a>');
    // A risk alert on a client logs the contact on the client's page; a prospect logs it here.
    expect(today.body).toContain(`<a class="button" href="/clients/a-arrears?foundOn=${BUSINESS_DATE}&amp;story=story-risk#log-touch">Log a contact</a>`);
    const b = session();
    await b.signIn('rm-b');
    expect(storiesOn((await b.get('/today')).body)).toEqual(['story-b']);
  });

  it('“not relevant” keeps the story but shows it no more; twice says it was done; another RM’s story is a 404', async () => {
    const b = session();
    await b.signIn('rm-b');
    expect((await b.post('/news/not-relevant', { foundOn: BUSINESS_DATE, storyId: 'story-plant' })).status).toBe(404);
    const a = session();
    await a.signIn('rm-a');
    expect((await a.post('/news/not-relevant', { foundOn: BUSINESS_DATE, storyId: 'story-plant' })).location).toBe('/today?ok=dismissed#news-heading');
    expect(storiesOn((await a.get('/today')).body)).not.toContain('story-plant');
    const kept = (await new ProspectStore(store.table).entriesOfRm('rm-a', [BUSINESS_DATE])).find((entry) => entry.storyId === 'story-plant');
    expect(kept).toMatchObject({ handledAs: 'not-relevant', handledAt: clock.now().toISOString() });
    expect((await a.post('/news/not-relevant', { foundOn: BUSINESS_DATE, storyId: 'story-plant' })).location).toContain('ok=already');
    // Without its form token, nothing happens.
    expect((await a.post('/news/watch', { foundOn: '2026-03-04', storyId: 'story-ipo' }, false)).status).toBe(403);
  });

  it('“add to watch-list” puts the company on the RM’s watch-list once; “log a contact” on a prospect records the note', async () => {
    const a = session();
    await a.signIn('rm-a');
    expect((await a.post('/news/watch', { foundOn: '2026-03-04', storyId: 'story-ipo' })).location).toContain('ok=watched');
    expect((await store.getRm('rm-a'))!.watchList).toEqual(['Xinghe Battery']);
    expect((await a.post('/news/watch', { foundOn: '2026-03-04', storyId: 'story-ipo' })).location).toContain('ok=already');
    expect((await store.getRm('rm-a'))!.watchList).toEqual(['Xinghe Battery']);
    await new ProspectStore(store.table).putDigestEntries([story('rm-a', 'story-new', BUSINESS_DATE, { company: 'Qinghe Foods', companyKey: 'qinghe foods' })], clock.now());
    expect((await a.post('/news/contacted', { foundOn: BUSINESS_DATE, storyId: 'story-new', note: 'met their CFO at the fair' })).location).toContain('ok=contacted');
    const entry = (await new ProspectStore(store.table).entriesOfRm('rm-a', [BUSINESS_DATE])).find((e) => e.storyId === 'story-new');
    expect(entry).toMatchObject({ handledAs: 'contacted', handledNote: 'met their CFO at the fair' });
    expect((await a.post('/news/contacted', { foundOn: 'not-a-date', storyId: 'story-new' })).status).toBe(400);
  });

  it('“log a contact” on a client’s story logs the touch on the client’s page and marks the story contacted in the same write; a forged reference writes nothing', async () => {
    const a = session();
    await a.signIn('rm-a');
    const page = (await a.get(`/clients/a-arrears?foundOn=${BUSINESS_DATE}&story=story-risk`)).body;
    expect(page).toContain('<p class="muted" data-about-story="story-risk">About the news: Shencheng Materials sued by suppliers</p>');
    // Another client's story, or another RM's, is not offered on this page.
    expect((await a.get(`/clients/a-quiet?foundOn=${BUSINESS_DATE}&story=story-risk`)).body).not.toContain('data-about-story');
    expect((await a.get(`/clients/a-arrears?foundOn=${BUSINESS_DATE}&story=story-b`)).body).not.toContain('data-about-story');
    const before = await touchesOf('a-quiet');
    expect((await a.post('/clients/a-quiet/touches', { channel: 'call', outcome: 'forged', foundOn: BUSINESS_DATE, storyId: 'story-risk' })).location).toContain('ok=already');
    expect(await touchesOf('a-quiet')).toEqual(before);

    expect((await a.post('/clients/a-arrears/touches', { channel: 'visit', outcome: 'discussed the lawsuit', note: 'no effect on repayment', foundOn: BUSINESS_DATE, storyId: 'story-risk' })).location).toBe('/clients/a-arrears?ok=touch');
    // The fixed clock gives every touch of the file the same instant: find it by what it says.
    expect((await touchesOf('a-arrears')).find((t) => t.outcome === 'discussed the lawsuit')).toMatchObject({ channel: 'visit', source: 'web' });
    const entry = await new ProspectStore(store.table).getEntry({ foundOn: BUSINESS_DATE, rmId: 'rm-a', storyId: 'story-risk' });
    expect(entry).toMatchObject({ handledAs: 'contacted', handledNote: 'no effect on repayment' });
    expect(storiesOn((await a.get('/today')).body)).not.toContain('story-risk');
    // Saved twice (a double tap): the second logs nothing.
    const count = (await touchesOf('a-arrears')).length;
    expect((await a.post('/clients/a-arrears/touches', { channel: 'visit', outcome: 'discussed the lawsuit', foundOn: BUSINESS_DATE, storyId: 'story-risk' })).location).toContain('ok=already');
    expect(await touchesOf('a-arrears')).toHaveLength(count);
  });

  it('the Client page lists the news filed under the client’s names, newest first, with IPO stages as reported', async () => {
    const event = (storyId: string, on: string, type: 'ipo' | 'risk', title: string, stage?: 'preparing' | 'filed') => ({
      storyId,
      on,
      type,
      ...(stage ? { stage } : {}),
      title,
      sources: [{ feedName: 'Wire', link: `https://news.example/${storyId}` }],
    });
    await new ProspectStore(store.table).saveProspect(
      prospectRecord.parse({
        companyKey: prospectKey('Shencheng Materials'),
        name: 'Shencheng Materials',
        aliases: [],
        firstSeenOn: '2026-01-10',
        lastSeenOn: '2026-03-04',
        latestStage: 'filed',
        events: [event('e-1', '2026-01-10', 'ipo', 'Shencheng Materials hires banks for an IPO', 'preparing'), event('e-2', '2026-03-04', 'ipo', 'Shencheng Materials files for IPO', 'filed')],
        version: 0,
      }),
      undefined,
    );
    const a = session();
    await a.signIn('rm-a');
    const page = (await a.get('/clients/a-arrears')).body;
    expect([...page.matchAll(/data-news="([^"]+)"/g)].map((match) => match[1])).toEqual(['e-2', 'e-1']);
    expect(page).toContain('<span class="muted">2026-03-04</span> <span class="badge">IPO: filed</span> <a href="https://news.example/e-2" rel="noopener noreferrer">Shencheng Materials files for IPO</a>');
    expect((await a.get('/clients/a-quiet')).body).toContain('No news about this client found yet.');
  });
});
