// The weekly portfolio report page: the same sections and charts as the email, with links to a manager's team reports.
import { raw } from 'hono/html';
import { reportHtml } from '../../portfolio-report/email.ts';
import { targetSegment, type ReportPage } from '../../portfolio-report/page.ts';
import { copy } from '../copy.ts';
import { html, layout, type Html, type PageContext } from './layout.ts';

export function reportPage(ctx: PageContext, page: ReportPage, date: string): Html {
  const t = copy[ctx.locale];
  const segment = targetSegment(page.target);
  const imageSrc = (id: string) => `/report/${segment}/charts/${id}.png?date=${date}`;
  const links =
    page.members.length > 0
      ? html`<nav class="summary" aria-label="${t.reportTeamNav}">
  <a href="/report">${t.reportOwn}</a> · <a href="/report/team">${t.reportTeam}</a>
  ${page.members.map((rm) => html` · <a href="/report/rm/${rm.rmId}">${rm.name}</a>`)}
</nav>`
      : '';
  return layout(
    ctx,
    page.report.view.title,
    html`${links}
<div class="report">${raw(reportHtml(page.report.view, page.report.specs, imageSrc, page.team))}</div>`,
  );
}
