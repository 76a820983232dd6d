// The report's tables as CSV files Excel opens cleanly (UTF-8 with BOM): the figures with raw numbers, the top exposures, a team's RMs.
import { toCsv } from '../core/csv-write.ts';
import type { Locale } from '../core/model.ts';
import type { ReportView } from './view.ts';
import type { TeamTable } from './team.ts';

const headers: Record<Locale, { figures: string[]; exposures: string[]; team: string[] }> = {
  en: {
    figures: ['Section', 'Figure', 'Label', 'Value', 'Shown as', 'Change vs last week', 'Change vs start of month', 'Change vs start of year', 'Explanation'],
    exposures: ['Rank', 'Client', 'Loans', 'Share'],
    team: ['RM id', 'RM', 'Reports to', 'Coverage', 'Call-list completion', 'Loans > 10 days in arrears', 'Arrears > 10 days amount', 'Maturing in 30 days', 'Prospects this week'],
  },
  'zh-CN': {
    figures: ['板块', '指标编号', '指标', '数值', '显示为', '比上周', '比月初', '比年初', '说明'],
    exposures: ['排名', '客户', '贷款余额', '占比'],
    team: ['客户经理编号', '客户经理', '直属主管编号', '覆盖率', '清单完成率', '逾期10天以上笔数', '逾期10天以上金额', '30天内到期', '本周潜在客户'],
  },
};

/** Numbers as plain decimals (no grouping, no units), so a spreadsheet reads them as numbers. */
const plain = (value: number | undefined) => (value === undefined ? '' : String(Math.round(value * 1e6) / 1e6));

export function figuresRows(view: ReportView): string[][] {
  return [
    headers[view.locale].figures,
    ...view.sections.flatMap((section) =>
      section.rows.map((row) => [
        section.title,
        row.id,
        row.label,
        plain(row.raw),
        row.value,
        ...(row.rawChanges ?? [undefined, undefined, undefined]).map(plain),
        row.explanation,
      ]),
    ),
  ];
}

export function exposureRows(view: ReportView, raw: ReadonlyArray<{ clientId: string; name: string; amount: number; share: number }>): string[][] {
  return [headers[view.locale].exposures, ...raw.map((e, index) => [String(index + 1), `${e.name} (${e.clientId})`, plain(e.amount), plain(e.share)])];
}

/** A team report's RMs, one row each, with shares between 0 and 1 and amounts as numbers. */
export function teamCsvRows(team: TeamTable, locale: Locale): string[][] {
  return [
    headers[locale].team,
    ...team.raw.map((r) => [r.rmId, r.name, r.reportsTo.rmId, plain(r.coverage), plain(r.listCompletion), String(r.arrears.count), plain(r.arrears.amount), plain(r.maturingNext30Days), String(r.pipeline)]),
  ];
}

export function reportCsvFiles(view: ReportView, exposures: Parameters<typeof exposureRows>[1], baseName: string, team?: TeamTable) {
  const file = (suffix: string, rows: string[][]) => ({ filename: `${baseName}-${suffix}.csv`, content: Buffer.from(toCsv(rows, { bom: true }), 'utf8'), contentType: 'text/csv; charset=utf-8' });
  return [file('figures', figuresRows(view)), file('exposures', exposureRows(view, exposures)), ...(team ? [file('rms', teamCsvRows(team, view.locale))] : [])];
}
