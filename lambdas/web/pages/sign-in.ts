// The local demo sign-in page: one button per RM (only when no real identity provider is configured).
import type { Rm } from '../../core/model.ts';
import { copy } from '../copy.ts';
import { csrfField, html, layout, type Html, type PageContext } from './layout.ts';

export function signInPage(ctx: PageContext, rms: readonly Rm[]): Html {
  const t = copy.en;
  const zh = copy['zh-CN'];
  return layout(
    ctx,
    t.signInTitle,
    html`<h1>${t.signInTitle} · ${zh.signInTitle}</h1>
<p>${t.signInLocal}<br>${zh.signInLocal}</p>
<ul class="plain rms">${rms.map(
      (rm) => html`<li><form method="post" action="/signin">${csrfField(ctx)}<input type="hidden" name="rmId" value="${rm.rmId}">
<button type="submit">${copy[rm.locale].signInAs(rm.name)}</button> <span class="muted">${rm.rmId} · ${rm.locale}</span></form></li>`,
    )}</ul>`,
  );
}
