// The weekly report email in the RM's locale: sections as tables with the charts inline (PNG by cid:), plain text, and the CSV export.
import type { OutgoingEmail, Attachment } from '../core/mail/mailer.ts';
import { escapeHtml } from '../core/mail/html.ts';
import type { ChartId } from './charts/specs.ts';
import { CHART_SIZE } from './charts/specs.ts';
import type { ReportView } from './view.ts';
import type { TeamTable } from './team.ts';

export interface RenderedChart {
  id: ChartId;
  title: string;
  png: Buffer;
}

/** Where each chart goes: the trend under the numbers, ladder and mix under the structure, coverage under the activity. */
const CHARTS_AFTER: Record<ReportView['sections'][number]['id'], ChartId[]> = {
  numbers: ['trend'],
  structure: ['ladder', 'mix'],
  quality: [],
  activity: ['coverage'],
};

const subjects = {
  en: (date: string, warnings: number) => `Weekly portfolio report ${date}${warnings > 0 ? `: ${warnings} point${warnings === 1 ? '' : 's'} to watch` : ''}`,
  'zh-CN': (date: string, warnings: number) => `${date} 客户经理周报${warnings > 0 ? `：${warnings}项需关注` : ''}`,
};
const teamPrefix = { en: 'Team: ', 'zh-CN': '【团队】' };
const footers = {
  en: 'The tables are attached as CSV files for Excel.',
  'zh-CN': '附件为可用 Excel 打开的 CSV 表格。',
};

export const chartCid = (id: ChartId) => `${id}@rm-radar`;

export function renderReportEmail(input: {
  to: string;
  businessDate: string;
  view: ReportView;
  charts: readonly RenderedChart[];
  exports: readonly Attachment[];
  /** For a manager's team report: one row per RM, shown first. */
  team?: TeamTable;
}): OutgoingEmail {
  const { view } = input;
  const warnings = view.sections.flatMap((s) => s.rows).filter((r) => r.warn).length;
  const inline: Attachment[] = input.charts.map((chart) => ({
    filename: `${chart.id}.png`,
    content: chart.png,
    contentType: 'image/png',
    cid: chartCid(chart.id),
  }));
  return {
    to: input.to,
    subject: `${input.team ? teamPrefix[view.locale] : ''}${subjects[view.locale](input.businessDate, warnings)}`,
    html: [
      '<!doctype html>',
      `<html lang="${view.locale}"><head><meta charset="utf-8"><title>${escapeHtml(view.title)}</title></head>`,
      '<body style="font-family:Arial,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;font-size:14px;color:#222">',
      reportHtml(view, input.charts, (id) => `cid:${chartCid(id)}`, input.team),
      `<p style="color:#666">${escapeHtml(footers[view.locale])}</p>`,
      '</body></html>',
    ].join('\n'),
    text: reportText(view, input.team),
    attachments: [...inline, ...input.exports],
  };
}

/** The report's body as HTML with inline styles: used by the email and by the workbench page (with other image URLs). */
export function reportHtml(
  view: ReportView,
  charts: ReadonlyArray<Pick<RenderedChart, 'id' | 'title'>>,
  imageSrc: (id: ChartId) => string,
  team?: TeamTable,
): string {
  // Inline styles for mail clients; the classes style the workbench page, whose CSP allows no inline style.
  const cell = 'style="border-bottom:1px solid #e5e5e5;padding:6px 8px;vertical-align:top"';
  const num = 'class="num" style="border-bottom:1px solid #e5e5e5;padding:6px 8px;vertical-align:top;text-align:right;white-space:nowrap"';
  // Column heads may wrap, so that the table fits a phone's width.
  const numHead = 'class="num" style="border-bottom:1px solid #e5e5e5;padding:6px 8px;vertical-align:top;text-align:right"';
  const titles = new Map(charts.map((c) => [c.id, c.title]));
  const image = (id: ChartId) =>
    titles.has(id)
      ? `<p><img src="${escapeHtml(imageSrc(id))}" width="${CHART_SIZE.width}" height="${CHART_SIZE.height}" alt="${escapeHtml(titles.get(id)!)}" class="chart" style="max-width:100%;height:auto;display:block"></p>`
      : '';
  const sections = view.sections.map((section) => {
    const trended = section.rows.some((r) => r.changes);
    const head = trended ? view.changeColumns.map((c) => `<th ${numHead}>${escapeHtml(c)}</th>`).join('') : '';
    const rows = section.rows
      .map((row) => {
        const colour = row.warn ? ' class="warn" style="background:#fdecea"' : '';
        const changes = trended ? (row.changes ?? ['', '', '']).map((c) => `<td ${num}>${escapeHtml(c)}</td>`).join('') : '';
        return `<tr${colour}><td ${cell}><strong>${escapeHtml(row.label)}</strong><br><span class="explain" style="color:#666;font-size:12px">${escapeHtml(row.explanation)}</span></td><td ${num}>${escapeHtml(row.value)}</td>${changes}</tr>`;
      })
      .join('\n');
    const exposures =
      section.id === 'structure' && view.exposures.rows.length > 0
        ? [
            `<h3 style="margin:16px 0 4px">${escapeHtml(view.exposures.title)}</h3>`,
            '<div class="table-scroll"><table class="report-table" style="border-collapse:collapse">',
            `<tr>${view.exposures.columns.map((c, i) => `<th ${i === 0 ? cell : numHead}>${escapeHtml(c)}</th>`).join('')}</tr>`,
            ...view.exposures.rows.map((r) => `<tr>${r.map((c, i) => `<td ${i === 0 ? cell : num}>${escapeHtml(c)}</td>`).join('')}</tr>`),
            '</table></div>',
          ].join('\n')
        : '';
    return [
      `<h2 style="margin:24px 0 6px;font-size:18px">${escapeHtml(section.title)}</h2>`,
      `<div class="table-scroll"><table class="report-table" style="border-collapse:collapse;width:100%;max-width:760px"><tr><th ${cell}></th><th ${num}></th>${head}</tr>`,
      rows,
      '</table></div>',
      exposures,
      ...CHARTS_AFTER[section.id].map(image),
    ].join('\n');
  });
  return [
    `<h1 style="font-size:20px">${escapeHtml(view.title)}</h1>`,
    `<p>${escapeHtml(view.intro)}</p>`,
    `<p style="color:#666">${escapeHtml(view.historyNote)}</p>`,
    team
      ? [
          `<h2 style="margin:24px 0 6px;font-size:18px">${escapeHtml(team.title)}</h2>`,
          '<div class="table-scroll"><table class="report-table" style="border-collapse:collapse">',
          `<tr>${team.columns.map((c, i) => `<th ${i === 0 ? cell : numHead}>${escapeHtml(c)}</th>`).join('')}</tr>`,
          ...team.rows.map((r) => `<tr>${r.map((c, i) => `<td ${i === 0 ? cell : num}>${escapeHtml(c)}</td>`).join('')}</tr>`),
          '</table></div>',
        ].join('\n')
      : '',
    ...sections,
  ].join('\n');
}

export function reportText(view: ReportView, team?: TeamTable): string {
  const lines = [view.title, view.intro, view.historyNote];
  if (team) lines.push('', `== ${team.title} ==`, team.columns.join(' | '), ...team.rows.map((r) => r.join(' | ')));
  for (const section of view.sections) {
    lines.push('', `== ${section.title} ==`);
    for (const row of section.rows) {
      const changes = row.changes ? `  (${view.changeColumns.map((c, i) => `${c} ${row.changes![i]}`).join(', ')})` : '';
      lines.push(`${row.warn ? '! ' : ''}${row.label}: ${row.value}${changes}`, `    ${row.explanation}`);
    }
    if (section.id === 'structure' && view.exposures.rows.length > 0) {
      lines.push('', view.exposures.title, ...view.exposures.rows.map((r, i) => `  ${i + 1}. ${r.join('  ')}`));
    }
  }
  return lines.join('\n');
}
