// The call list as CSV that opens cleanly in Excel (UTF-8 with BOM): its columns in the RM's language.
import type { Locale } from '../core/model.ts';
import type { StoredCallList } from './model.ts';
import { categoryLabels } from './lines.ts';
import { toCsv } from '../core/csv-write.ts';

const headers: Record<Locale, string[]> = {
  en: ['Rank', 'Flag', 'Category', 'Client ID', 'Client', 'Company', 'Tier', 'Contact', 'Role', 'Phone', 'Reason', 'Last touch', 'Talking points', 'Priority', 'Status', 'Outcome'],
  'zh-CN': ['序号', '标记', '类别', '客户编号', '客户', '公司', '级别', '联系人', '职务', '电话', '原因', '上次联系', '沟通要点', '优先级', '状态', '结果'],
};

const flagLabels: Record<Locale, Record<'red' | 'amber', string>> = {
  en: { red: 'red', amber: 'amber' },
  'zh-CN': { red: '红', amber: '黄' },
};

/** The header row and one row per line, in rank order, as plain strings. */
export function callListRows(list: StoredCallList, locale: Locale = list.locale): string[][] {
  return [
    headers[locale],
    ...list.lines.map((line) => [
      String(line.rank),
      flagLabels[locale][line.flag],
      categoryLabels[locale][line.category],
      line.clientId,
      line.clientName,
      line.companyName ?? '',
      line.tier,
      line.contact?.name ?? '',
      line.contact?.role ?? '',
      line.contact?.phone ?? '',
      line.reason,
      line.lastTouch ?? '',
      line.talkingPoints.join('; '),
      line.priority.score.toFixed(2),
      line.status,
      line.outcome ?? '',
    ]),
  ];
}

/** The attachment: UTF-8 with a byte-order mark, which is what makes Excel read Chinese text correctly. */
export function callListCsv(list: StoredCallList): Buffer {
  return Buffer.from(toCsv(callListRows(list), { bom: true }), 'utf8');
}
