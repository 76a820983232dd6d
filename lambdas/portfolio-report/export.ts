// The report's tables as CSV files Excel opens cleanly (UTF-8 with BOM): the figures with raw numbers, and the top exposures.
import { toCsv } from '../core/csv-write.ts';
import type { Locale } from '../core/model.ts';
import type { ReportView } from './view.ts';

const headers: Record<Locale, { figures: string[]; exposures: string[] }> = {
  en: {
    figures: ['Section', 'Figure', 'Label', 'Value', 'Shown as', 'Change vs last week', 'Change vs start of month', 'Change vs start of year', 'Explanation'],
    exposures: ['Rank', 'Client', 'Loans', 'Share'],
  },
  'zh-CN': {
    figures: ['板块', '指标编号', '指标', '数值', '显示为', '比上周', '比月初', '比年初', '说明'],
    exposures: ['排名', '客户', '贷款余额', '占比'],
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

export function reportCsvFiles(view: ReportView, exposures: Parameters<typeof exposureRows>[1], baseName: string) {
  return [
    { filename: `${baseName}-figures.csv`, content: Buffer.from(toCsv(figuresRows(view), { bom: true }), 'utf8'), contentType: 'text/csv; charset=utf-8' },
    { filename: `${baseName}-exposures.csv`, content: Buffer.from(toCsv(exposureRows(view, exposures), { bom: true }), 'utf8'), contentType: 'text/csv; charset=utf-8' },
  ];
}
