// Every word a chart may show, per locale: the chart font is subset to exactly these characters (scripts/subset-chart-font.ts).
import type { Locale } from '../../core/model.ts';

export const chartCopy = {
  'zh-CN': {
    trend: { title: '余额走势（每周快照）', demand: '活期存款', time: '定期存款', aum: '管理资产', loans: '贷款余额' },
    ladder: { title: '未来12个月贷款到期分布', line: (share: string) => `集中度提示线 ${share}`, month: (m: number) => `${m}月` },
    mix: { title: '存款构成', demand: '活期', time: '定期' },
    coverage: { title: '各级客户覆盖率', tier: (tier: string) => `${tier}类` },
  },
  en: {
    trend: { title: 'Balances (weekly snapshots)', demand: 'Demand deposits', time: 'Time deposits', aum: 'AUM', loans: 'Loans' },
    ladder: { title: 'Loan maturities, next 12 months', line: (share: string) => `concentration line ${share}`, month: (m: number) => MONTHS[m - 1]! },
    mix: { title: 'Deposit mix', demand: 'Demand', time: 'Time' },
    coverage: { title: 'Coverage per tier', tier: (tier: string) => `Tier ${tier}` },
  },
} as const satisfies Record<Locale, unknown>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The characters the charts can draw: the copy above (its functions called with sample arguments), the
 * amount units of view.ts (万, 亿, k, M) and printable ASCII for numbers, dates and English.
 */
export function chartCharacters(): string {
  const texts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'function') texts.push(String((value as (a: unknown) => unknown)('A')));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(chartCopy);
  for (let m = 1; m <= 12; m++) texts.push(chartCopy['zh-CN'].ladder.month(m), chartCopy.en.ladder.month(m));
  texts.push('万亿−±%·');
  for (let code = 0x20; code < 0x7f; code++) texts.push(String.fromCharCode(code));
  return [...new Set(texts.join(''))].sort().join('');
}
