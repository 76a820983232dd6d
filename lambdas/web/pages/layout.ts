// The page frame every workbench page shares: head, header with navigation, and the escaping html helper.
import { html } from 'hono/html';
import type { Locale } from '../../core/model.ts';
import { copy } from '../copy.ts';

/** The longest search text: a name or a company, never a paragraph. */
export const SEARCH_MAX_CHARACTERS = 50;

export { html };
export type Html = ReturnType<typeof html>;

/** What every page needs to know about the request: language, the form token, who is signed in. */
export interface PageContext {
  locale: Locale;
  /** The CSRF token for forms on this page. */
  csrf: string;
  /** The signed-in RM's display name; absent on pages shown without a session. */
  rmName?: string;
}

export function layout(ctx: PageContext, title: string, body: Html): Html {
  const t = copy[ctx.locale];
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.appName}</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/today">${t.appName}</a>
  ${ctx.rmName
    ? html`<nav aria-label="${t.appName}">
    <a href="/today">${t.today}</a>
    <a href="/history">${t.history}</a>
    <a href="/report">${t.report}</a>
    <form class="inline search" method="post" action="/search" role="search">
      <input type="hidden" name="csrf" value="${ctx.csrf}">
      <label class="visually-hidden" for="q">${t.search}</label>
      <input id="q" name="q" type="search" maxlength="${SEARCH_MAX_CHARACTERS}" placeholder="${t.search}">
      <button type="submit">${t.searchButton}</button>
    </form>
    <form class="inline" method="post" action="/signout">
      <input type="hidden" name="csrf" value="${ctx.csrf}">
      <button type="submit" class="link">${t.signOut}</button>
    </form>
    <span class="who">${ctx.rmName}</span>
  </nav>`
    : ''}
</header>
<main id="main">
${body}
</main>
</body>
</html>`;
}

/** A short notice after an action (from the `ok` query value, which names a message, never data). */
export function notice(message: string | undefined): Html | string {
  return message ? html`<p class="notice" role="status">${message}</p>` : '';
}

/**
 * A date field that reads the same in either language and any browser: year-month-day as text (a date
 * input shows the browser's own locale, 03/12/2026 or 12/03/2026, whatever the page's language), with
 * the format shown beside it; the server reads 2026-03-12, 2026/3/12 or 2026年3月12日 alike (date-input.ts).
 */
export function dateField(ctx: PageContext, field: { id: string; name: string; example: string; value?: string; required?: boolean }): Html {
  const t = copy[ctx.locale];
  return html`<input id="${field.id}" name="${field.name}" type="text" inputmode="numeric" autocomplete="off" maxlength="20" lang="${ctx.locale}" placeholder="${t.datePlaceholder}" aria-describedby="${field.id}-hint"${field.value ? html` value="${field.value}"` : ''}${field.required ? html` required` : ''}>
<span class="hint" id="${field.id}-hint">${t.dateHint(field.example)}</span>`;
}

export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="csrf" value="${ctx.csrf}">`;
}

/** A simple page with a heading and a message (errors, link outcomes). */
export function messagePage(ctx: PageContext, title: string, message: string, status: 'info' | 'error' = 'info'): Html {
  const t = copy[ctx.locale];
  return layout(
    ctx,
    title,
    html`<h1>${title}</h1><p class="${status === 'error' ? 'error' : 'notice'}" role="${status === 'error' ? 'alert' : 'status'}">${message}</p>
<p><a href="/today">${t.backToToday}</a></p>`,
  );
}
