// The workbench as a Hono app: routes, the session and CSRF checks, errors to pages. The same app runs on Lambda and on Node.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import * as z from 'zod';
import type { AppConfig } from '../core/config.ts';
import type { Clock } from '../core/clock.ts';
import type { Log } from '../core/log.ts';
import { channels, isoDate, TEXT_BOUNDS, type Locale } from '../core/model.ts';
import { AlreadyRecordedError, NotFoundError, ValidationError } from '../core/errors.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import { addDays, businessDateOf } from '../core/dates/calendar.ts';
import { clientFor, recordCall, skipLine, snoozeClient, type ActionDeps, type Actor } from '../call-list/actions.ts';
import { markReminderDone, snoozeReminderUntil } from '../touch-reminders/actions.ts';
import { ProspectStore } from '../prospect-scan/prospect-store.ts';
import { CognitoAuthenticator, LocalAuthenticator, type Authenticator } from './auth.ts';
import { verifyLink, type LinkClaims, type SigningKey } from './link-token.ts';
import { cookieOptions, csrfToken, isValidCsrf, SESSION_COOKIE } from './session.ts';
import { DATE_ISSUE, dateInput, optionalDateInput } from './date-input.ts';
import { SIGNIN_COOKIE, SIGNIN_MINUTES, startSignIn, verifierForCallback } from './signin-flow.ts';
import { copy, type Copy } from './copy.ts';
import { messagePage, SEARCH_MAX_CHARACTERS, type PageContext } from './pages/layout.ts';
import { signInPage } from './pages/sign-in.ts';
import { confirmPage } from './pages/confirm.ts';
import { STYLESHEET } from './pages/style.ts';
import { loadClientView, loadHistory, loadSearch, loadTodayView } from './views.ts';
import { clientPage } from './pages/client.ts';
import { todayPage } from './pages/today.ts';
import { searchPage } from './pages/search.ts';
import { historyPage } from './pages/history.ts';
import { reportPage } from './pages/report.ts';
import { loadReportPage, type ReportTarget } from '../portfolio-report/page.ts';

export interface WebDeps {
  store: RadarStore;
  clock: Clock;
  config: AppConfig;
  log: Log;
  /** Link-signing keys (first signs); the first also keys CSRF tokens and local sessions. */
  keys: readonly SigningKey[];
  auth: Authenticator;
  /** Secure cookies everywhere but plain local http. */
  secureCookies: boolean;
  /** The workbench's own origin, for the Cognito redirect. */
  baseUrl: string;
}

type Env = { Variables: { rmId?: string; session?: string } };

/** The statuses the app answers with for the project's errors: not yours and not there look the same. */
class CsrfError extends Error {
  override name = 'CsrfError';
}

const id = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.trim() || undefined)
    .optional();
const optionalDate = z
  .string()
  .optional()
  .transform((value) => value || undefined)
  .pipe(isoDate.optional());
const doneForm = z.object({ outcome: z.string().trim().min(1).max(TEXT_BOUNDS.outcome), note: text(TEXT_BOUNDS.note), followUp: optionalDateInput, channel: z.enum(channels).default('call'), date: optionalDate });
const snoozeForm = z.object({ until: dateInput, note: text(TEXT_BOUNDS.note), date: optionalDate });
const skipForm = z.object({ note: text(TEXT_BOUNDS.note), date: optionalDate });
const storyId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const touchForm = z.object({
  channel: z.enum(channels),
  outcome: text(TEXT_BOUNDS.outcome),
  // The outcome tapped on the page; words typed beside it win.
  outcomeChoice: text(TEXT_BOUNDS.outcome),
  note: text(TEXT_BOUNDS.note),
  followUp: optionalDateInput,
  // The client's story the contact is about, when it was logged from "log a contact" on Today.
  foundOn: optionalDate,
  storyId: storyId.optional().or(z.literal('').transform(() => undefined)),
});
const newsForm = z.object({ foundOn: isoDate, storyId, note: text(TEXT_BOUNDS.note) });
const reminderForm = z.object({ key: z.string().max(200), channel: z.enum(channels).default('call'), outcome: text(TEXT_BOUNDS.outcome), note: text(TEXT_BOUNDS.note) });

/** Notices named in the `ok` query value after a redirect: a word, never data. */
const notices = ['done', 'snoozed', 'skipped', 'touch', 'already', 'dismissed', 'watched', 'contacted'] as const;

export function createWebApp(deps: WebDeps): Hono<Env> {
  const app = new Hono<Env>();
  const key = deps.keys[0]!;
  const actionDeps: ActionDeps = { store: deps.store, clock: deps.clock, timeZone: deps.config.timeZone };
  const today = () => businessDateOf(deps.clock.now(), deps.config.timeZone);
  const prospects = new ProspectStore(deps.store.table);

  app.use('*', async (c, next) => {
    await next();
    // data: images: the report page carries its charts inline (PNG), so a view builds the report once.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.get('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use('*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('request too large', 413) }));

  // Who is signed in, for every request; pages that need a session redirect to the sign-in.
  app.use('*', async (c, next) => {
    const session = getCookie(c, SESSION_COOKIE);
    const rmId = await deps.auth.rmOf(session, deps.clock.now());
    if (rmId && session) {
      c.set('rmId', rmId);
      c.set('session', session);
    }
    await next();
  });

  // Every POST carries the form token of its session (or of its link, checked by the link route).
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST' && !c.req.path.startsWith('/l/') && c.req.path !== '/signin') {
      const body = await c.req.parseBody();
      if (!isValidCsrf(key, c.get('session') ?? 'anonymous', body.csrf)) throw new CsrfError('bad form token');
    }
    await next();
  });

  app.get('/static/app.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/', (c) => c.redirect('/today'));

  // ---- sign-in -------------------------------------------------------------------------
  app.get('/signin', async (c) => {
    if (deps.auth instanceof CognitoAuthenticator) {
      const attempt = startSignIn();
      setCookie(c, SIGNIN_COOKIE, attempt.cookie, { ...cookieOptions(deps.secureCookies, SIGNIN_MINUTES * 60), path: '/auth/callback' });
      return c.redirect(deps.auth.authorizeUrl(`${deps.baseUrl}/auth/callback`, attempt.state, attempt.codeChallenge));
    }
    const rms = await deps.store.listRms();
    return c.html(signInPage(anonymousContext(c, 'en'), rms));
  });
  app.post('/signin', async (c) => {
    if (!(deps.auth instanceof LocalAuthenticator)) return c.notFound();
    const body = await c.req.parseBody();
    if (!isValidCsrf(key, 'signin', body.csrf)) throw new CsrfError('bad form token');
    const rmId = id.parse(body.rmId);
    if (!(await deps.store.getRm(rmId))) throw new NotFoundError('no such RM');
    setCookie(c, SESSION_COOKIE, deps.auth.sessionFor(rmId, deps.clock.now()), cookieOptions(deps.secureCookies));
    return c.redirect('/today', 303);
  });
  app.get('/auth/callback', async (c) => {
    if (!(deps.auth instanceof CognitoAuthenticator)) return c.notFound();
    const verifier = verifierForCallback(getCookie(c, SIGNIN_COOKIE), c.req.query('state'));
    deleteCookie(c, SIGNIN_COOKIE, { path: '/auth/callback', secure: deps.secureCookies });
    const code = z.string().min(1).max(2048).safeParse(c.req.query('code'));
    // A callback this browser did not start (or started over ten minutes ago) begins again.
    if (!code.success || !verifier) return c.redirect('/signin');
    const idToken = await deps.auth.exchangeCode(code.data, `${deps.baseUrl}/auth/callback`, verifier);
    if (!idToken || !(await deps.auth.rmOf(idToken))) return c.redirect('/signin');
    setCookie(c, SESSION_COOKIE, idToken, cookieOptions(deps.secureCookies, 3600));
    return c.redirect('/today');
  });
  app.post('/signout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.secureCookies });
    return c.redirect('/signin', 303);
  });

  // ---- pages ---------------------------------------------------------------------------
  app.get('/today', async (c) => {
    const rmId = c.get('rmId');
    if (!rmId) return c.redirect('/signin');
    const date = optionalDate.safeParse(c.req.query('date'));
    const view = await loadTodayView(deps, rmId, date.success && date.data ? date.data : today());
    const ctx = await pageContext(c, view.rm.locale, view.rm.name);
    return c.html(todayPage(ctx, { ...view, notice: noticeText(c, view.rm.locale) }));
  });

  app.get('/clients/:clientId', async (c) => {
    const rmId = c.get('rmId');
    if (!rmId) return c.redirect('/signin');
    const story = z.object({ foundOn: isoDate, story: storyId }).safeParse(c.req.query());
    const view = await loadClientView(deps, rmId, id.parse(c.req.param('clientId')), today(), story.success ? { foundOn: story.data.foundOn, storyId: story.data.story } : undefined);
    const ctx = await pageContext(c, view.rm.locale, view.rm.name);
    return c.html(clientPage(ctx, { ...view, notice: noticeText(c, view.rm.locale) }));
  });

  app.get('/history', async (c) => {
    const rmId = c.get('rmId');
    if (!rmId) return c.redirect('/signin');
    const before = optionalDate.safeParse(c.req.query('before'));
    const view = await loadHistory(deps, rmId, before.success && before.data ? before.data : today());
    return c.html(historyPage(await pageContext(c, view.rm.locale, view.rm.name), view));
  });

  // The weekly report, computed from the book as it is (a GET writes nothing, not even the week's snapshot).
  const reportTarget = (c: Context<Env>): ReportTarget => {
    const member = c.req.param('rmId');
    if (member) return { kind: 'member', rmId: id.parse(member) };
    return c.req.path.startsWith('/report/team') ? { kind: 'team' } : { kind: 'own' };
  };
  const reportDate = (c: Context<Env>) => {
    const date = optionalDate.safeParse(c.req.query('date'));
    return date.success && date.data ? date.data : today();
  };
  for (const path of ['/report', '/report/team', '/report/rm/:rmId']) {
    app.get(path, async (c) => {
      const rmId = c.get('rmId');
      if (!rmId) return c.redirect('/signin');
      const date = reportDate(c);
      const page = await loadReportPage(deps, rmId, reportTarget(c), date);
      return c.html(reportPage(await pageContext(c, page.viewer.locale, page.viewer.name), page));
    });
  }
  // A POST, though it only reads: the query is often a client's name, which must not sit in a URL
  // (browser history, access logs, Referer). The form token is checked like any other POST's.
  app.post('/search', async (c) => {
    const rmId = c.get('rmId');
    if (!rmId) return c.redirect('/signin');
    const form = await c.req.parseBody();
    const query = z.string().trim().max(SEARCH_MAX_CHARACTERS).catch('').parse(form.q ?? '');
    const view = await loadSearch(deps, rmId, query);
    return c.html(searchPage(await pageContext(c, view.rm.locale, view.rm.name), view));
  });

  // ---- actions (POST, then redirect to a GET) -------------------------------------------
  const signedInActor = (c: Context<Env>): Actor => {
    const rmId = c.get('rmId');
    if (!rmId) throw new NotFoundError('not signed in');
    return { source: 'web', rmId };
  };
  const backToToday = (c: Context<Env>, ok: (typeof notices)[number], clientId: string, date?: string) =>
    c.redirect(`/today?${new URLSearchParams({ ok, ...(date ? { date } : {}) })}#line-${clientId}`, 303);

  app.post('/lines/:clientId/done', async (c) => {
    const actor = signedInActor(c);
    const clientId = id.parse(c.req.param('clientId'));
    const form = parseForm(doneForm, await c.req.parseBody());
    try {
      await recordCall(actionDeps, actor, clientId, { outcome: form.outcome, note: form.note, followUpOn: form.followUp, channel: form.channel, businessDate: form.date });
    } catch (error) {
      if (error instanceof AlreadyRecordedError) return backToToday(c, 'already', clientId, form.date);
      throw error;
    }
    return backToToday(c, 'done', clientId, form.date);
  });
  app.post('/lines/:clientId/snooze', async (c) => {
    const actor = signedInActor(c);
    const clientId = id.parse(c.req.param('clientId'));
    const form = parseForm(snoozeForm, await c.req.parseBody());
    await snoozeClient(actionDeps, actor, clientId, { until: form.until, note: form.note, businessDate: form.date });
    return backToToday(c, 'snoozed', clientId, form.date);
  });
  app.post('/lines/:clientId/skip', async (c) => {
    const actor = signedInActor(c);
    const clientId = id.parse(c.req.param('clientId'));
    const form = parseForm(skipForm, await c.req.parseBody());
    await skipLine(actionDeps, actor, clientId, { note: form.note, businessDate: form.date });
    return backToToday(c, 'skipped', clientId, form.date);
  });
  app.post('/clients/:clientId/touches', async (c) => {
    const actor = signedInActor(c);
    const clientId = id.parse(c.req.param('clientId'));
    const { outcomeChoice, ...form } = parseForm(touchForm, await c.req.parseBody());
    try {
      await recordTouchOnClient(actionDeps, prospects, actor, clientId, { ...form, outcome: form.outcome || outcomeChoice });
    } catch (error) {
      // The story it was about was handled meanwhile (a second tap of Save): nothing is logged twice.
      if (error instanceof AlreadyRecordedError) return c.redirect(`/clients/${clientId}?ok=already`, 303);
      throw error;
    }
    return c.redirect(`/clients/${clientId}?ok=touch`, 303);
  });
  app.post('/reminders/done', async (c) => {
    const actor = signedInActor(c);
    const form = parseForm(reminderForm, await c.req.parseBody());
    let ok: (typeof notices)[number] = 'done';
    try {
      await markReminderDone(actionDeps, actor, form.key, { channel: form.channel, outcome: form.outcome, note: form.note });
    } catch (error) {
      if (!(error instanceof AlreadyRecordedError)) throw error;
      ok = 'already';
    }
    return c.redirect(`/today?ok=${ok}`, 303);
  });

  // A story of the RM's own (its key holds the signed-in RM, so another RM's story is a 404): handled once, then not shown again.
  const handleNews = async (c: Context<Env>, how: 'not-relevant' | 'watch-list' | 'contacted', ok: (typeof notices)[number]) => {
    const rmId = c.get('rmId');
    if (!rmId) throw new NotFoundError('not signed in');
    const form = parseForm(newsForm, await c.req.parseBody());
    const ref = { foundOn: form.foundOn, rmId, storyId: form.storyId };
    try {
      if (how === 'watch-list') {
        const entry = await prospects.getEntry(ref);
        if (!entry) throw new NotFoundError('no such story');
        await deps.store.addToWatchList(rmId, entry.company);
      }
      await prospects.markEntryHandled(ref, how, deps.clock.now(), form.note);
    } catch (error) {
      if (!(error instanceof AlreadyRecordedError)) throw error;
      ok = 'already';
    }
    return c.redirect(`/today?ok=${ok}#news-heading`, 303);
  };
  app.post('/news/not-relevant', (c) => handleNews(c, 'not-relevant', 'dismissed'));
  app.post('/news/watch', (c) => handleNews(c, 'watch-list', 'watched'));
  app.post('/news/contacted', (c) => handleNews(c, 'contacted', 'contacted'));

  // ---- one-tap links: GET shows a confirmation, POST does it ----------------------------
  app.get('/l/:token', async (c) => {
    const claims = await linkClaimsOr(c);
    if (!('rm' in claims)) return claims;
    if (claims.action === 'open') {
      if (c.get('rmId') === claims.rm) return c.redirect(`/clients/${claims.client}`);
      return c.redirect('/signin');
    }
    const rm = await deps.store.getRm(claims.rm);
    const client = await deps.store.getClient(claims.client);
    if (!rm || !client || client.rmId !== claims.rm) throw new NotFoundError('no such client');
    const ctx: PageContext = { locale: rm.locale, csrf: csrfToken(key, `link:${c.req.param('token')}`), ...(c.get('rmId') ? { rmName: rm.name } : {}) };
    return c.html(confirmPage(ctx, { claims, clientName: client.name, token: c.req.param('token'), snoozeUntil: addDays(today(), 7) }));
  });
  app.post('/l/:token', async (c) => {
    const claims = await linkClaimsOr(c);
    if (!('rm' in claims)) return claims;
    const body = await c.req.parseBody();
    if (!isValidCsrf(key, `link:${c.req.param('token')}`, body.csrf)) throw new CsrfError('bad form token');
    const rm = await deps.store.getRm(claims.rm);
    if (!rm) throw new NotFoundError('no such RM');
    const actor: Actor = { source: 'email-link', rmId: claims.rm };
    const t = copy[rm.locale];
    const ctx: PageContext = { locale: rm.locale, csrf: '', ...(c.get('rmId') ? { rmName: rm.name } : {}) };
    try {
      await doLinkAction(actionDeps, actor, claims, body, addDays(today(), 7));
    } catch (error) {
      if (error instanceof AlreadyRecordedError) return c.html(messagePage(ctx, t.confirmTitle, t.alreadyDone));
      throw error;
    }
    return c.html(messagePage(ctx, t.confirmTitle, claims.action === 'done' ? t.doneMessage : t.snoozedMessage));
  });

  /** The link's claims, or the page that explains why it cannot be used. */
  async function linkClaimsOr(c: Context<Env>): Promise<LinkClaims | Response> {
    const verdict = verifyLink(deps.keys, c.req.param('token') ?? '', deps.clock.now());
    const locale = await localeOf(deps.store, verdict.claims?.rm ?? c.get('rmId'));
    const t = copy[locale];
    const ctx = anonymousContext(c, locale);
    if (!verdict.ok) {
      const expired = verdict.reason === 'expired';
      deps.log.info('link refused', { reason: verdict.reason });
      return c.html(messagePage(ctx, t.confirmTitle, expired ? t.linkExpired : t.linkInvalid, 'error'), expired ? 410 : 400);
    }
    const signedIn = c.get('rmId');
    if (signedIn && signedIn !== verdict.claims.rm) {
      deps.log.info('link refused', { reason: 'foreign' });
      return c.html(messagePage(ctx, t.confirmTitle, t.linkForeign, 'error'), 403);
    }
    return verdict.claims;
  }

  async function pageContext(c: Context<Env>, locale: Locale, rmName: string): Promise<PageContext> {
    return { locale, csrf: csrfToken(key, c.get('session') ?? 'anonymous'), rmName };
  }

  function anonymousContext(c: Context<Env>, locale: Locale): PageContext {
    return { locale, csrf: csrfToken(key, c.req.path === '/signin' ? 'signin' : (c.get('session') ?? 'anonymous')) };
  }

  function noticeText(c: Context<Env>, locale: Locale): string | undefined {
    const ok = c.req.query('ok');
    const t = copy[locale];
    const texts: Record<(typeof notices)[number], string> = {
      done: t.doneMessage,
      snoozed: t.snoozedMessage,
      skipped: t.skippedMessage,
      touch: t.touchMessage,
      already: t.alreadyDone,
      dismissed: t.dismissedMessage,
      watched: t.watchedMessage,
      contacted: t.contactedMessage,
    };
    return notices.includes(ok as (typeof notices)[number]) ? texts[ok as (typeof notices)[number]] : undefined;
  }

  // ---- errors: a clear page, never a stack trace; no personal data in the log --------------
  app.notFound(async (c) => {
    const locale = await localeOf(deps.store, c.get('rmId'));
    return c.html(messagePage(anonymousContext(c, locale), copy[locale].notFound, copy[locale].notFound, 'error'), 404);
  });
  app.onError(async (error, c) => {
    const locale = await localeOf(deps.store, c.get('rmId')).catch(() => 'en' as const);
    const t = copy[locale];
    const ctx = anonymousContext(c, locale);
    if (error instanceof NotFoundError) return c.html(messagePage(ctx, t.notFound, t.notFound, 'error'), 404);
    if (error instanceof CsrfError) return c.html(messagePage(ctx, t.confirmTitle, t.forbidden, 'error'), 403);
    if (error instanceof ValidationError || error instanceof z.ZodError) {
      return c.html(messagePage(ctx, t.badRequest, validationText(error, t, addDays(today(), 7)), 'error'), 400);
    }
    deps.log.error('web request failed', { route: c.req.routePath, method: c.req.method, errorName: error.name });
    return c.html(messagePage(ctx, 'Error', 'Something went wrong; please try again.', 'error'), 500);
  });
  return app;
}

function parseForm<T extends z.ZodType>(schema: T, body: Record<string, unknown>): z.infer<T> {
  return schema.parse(body);
}

/** Which fields were wrong, by their labels in the RM's language (never the values, which may be personal); a date field says how to write it. */
function validationText(error: ValidationError | z.ZodError, t: Copy, example: string): string {
  if (!(error instanceof z.ZodError)) return `${t.badRequest}: ${error.message}`;
  const labels: Record<string, string> = { outcome: t.outcome, note: t.note, channel: t.channel, followUp: t.followUp, until: t.snoozeUntil };
  const fields = error.issues.map((issue) => {
    const name = issue.path.join('.') || 'form';
    const label = labels[name] ?? name;
    return issue.message === DATE_ISSUE ? t.fieldIssue(label, t.dateExpected(example)) : label;
  });
  return t.checkFields([...new Set(fields)]);
}

async function localeOf(store: RadarStore, rmId: string | undefined): Promise<Locale> {
  if (!rmId) return 'en';
  return (await store.getRm(rmId))?.locale ?? 'en';
}

/** A touch logged on the Client page; one about a story of the client's also marks the story contacted, in the same transaction. */
async function recordTouchOnClient(deps: ActionDeps, prospects: ProspectStore, actor: Actor, clientId: string, form: z.infer<typeof touchForm>): Promise<void> {
  await clientFor(deps.store, actor, clientId);
  const now = deps.clock.now();
  const story = form.foundOn && form.storyId && actor.rmId ? { foundOn: form.foundOn, rmId: actor.rmId, storyId: form.storyId } : undefined;
  await deps.store.logTouch({
    clientId,
    channel: form.channel,
    at: now.toISOString(),
    outcome: form.outcome,
    note: form.note,
    followUpOn: form.followUp,
    source: actor.source,
    ...(story ? { alsoWrites: [{ Update: prospects.handledUpdate(story, 'contacted', now, form.note, clientId) }] } : {}),
  });
}

async function doLinkAction(deps: ActionDeps, actor: Actor, claims: LinkClaims, body: Record<string, unknown>, weekOn: string): Promise<void> {
  const note = text(TEXT_BOUNDS.note).parse(typeof body.note === 'string' ? body.note : undefined);
  if (claims.reminder) {
    if (claims.action === 'done') {
      const form = z.object({ channel: z.enum(channels).default('call'), outcome: text(TEXT_BOUNDS.outcome) }).parse(body);
      await markReminderDone(deps, actor, claims.reminder, { channel: form.channel, outcome: form.outcome, note });
    } else {
      await snoozeReminderUntil(deps, actor, claims.reminder, weekOn);
    }
    return;
  }
  if (claims.action === 'done') {
    const form = z.object({ outcome: z.string().trim().min(1).max(200), channel: z.enum(channels).default('call') }).parse(body);
    await recordCall(deps, actor, claims.client, { outcome: form.outcome, note, channel: form.channel, businessDate: claims.date });
  } else {
    await snoozeClient(deps, actor, claims.client, { until: weekOn, note, businessDate: claims.date });
  }
}
