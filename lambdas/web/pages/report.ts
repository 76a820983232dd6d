// The weekly portfolio report page: the same sections and charts as the email, with links to a manager's team reports.
import { raw } from 'hono/html';
import { reportHtml } from '../../portfolio-report/email.ts';
import type { ReportPage } from '../../portfolio-report/page.ts';
import type { ChartId } from '../../portfolio-report/charts/specs.ts';
import { copy } from '../copy.ts';
import { html, layout, type Html, type PageContext } from './layout.ts';

/**
 * The charts are inline data: URIs (the page's CSP allows data: images): the page is built once per view,
 * and no chart URL exists that would have to be authorised and built again.
 */
export function reportPage(ctx: PageContext, page: ReportPage): Html {
  const t = copy[ctx.locale];
  const pngs = new Map(page.charts.map((chart) => [chart.id, chart.png]));
  const imageSrc = (id: ChartId) => `data:image/png;base64,${pngs.get(id)!.toString('base64')}`;
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
<div class="report">${raw(reportHtml(page.report.view, page.charts, imageSrc, page.team))}</div>`,
  );
}
