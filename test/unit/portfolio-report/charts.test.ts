// The report's charts: each renders to a PNG of the expected size that is not blank, and the font covers every character they draw.
import { writeFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePng, greyDeviation } from '../../support/png.ts';
import { computeFigures } from '../../../lambdas/portfolio-report/figures.ts';
import { chartIds, chartSpecs, CHART_SIZE, type TrendPoint } from '../../../lambdas/portfolio-report/charts/specs.ts';
import { renderPng, renderSvg, PIXEL_RATIO, CHART_FONT_FAMILY } from '../../../lambdas/portfolio-report/charts/render.ts';
import { chartCharacters } from '../../../lambdas/portfolio-report/charts/copy.ts';
import { CHART_FONT_CHARACTERS } from '../../../lambdas/portfolio-report/charts/font.ts';
import { formatAmount } from '../../../lambdas/portfolio-report/view.ts';
import { aClient, aLoan, rules, TZ } from '../call-list/fixtures.ts';

const D = '2026-11-16';
const figures = computeFigures(
  {
    businessDate: D,
    clients: [
      aClient({ clientId: 'c1', tier: 'A', balances: { demandDeposits: 600_000, timeDeposits: 400_000, aum: 2_000_000 }, lastContactAt: '2026-11-10T02:00:00Z' }),
      aClient({ clientId: 'c2', tier: 'B', balances: { demandDeposits: 300_000, timeDeposits: 900_000, aum: 0 } }),
    ],
    loans: [
      aLoan({ loanId: 'l1', clientId: 'c1', amount: 4_000_000, maturityDate: '2026-12-20' }),
      aLoan({ loanId: 'l2', clientId: 'c2', amount: 2_000_000, maturityDate: '2027-03-20' }),
    ],
    touches: [],
    callLists: [],
    openFollowUps: [],
    prospects: [],
  },
  [],
  { rules, maturityConcentrationShare: 0.3, timeZone: TZ },
);
const trend: TrendPoint[] = [0, 1, 2].map((week) => ({
  date: `2026-11-0${2 + week}`,
  totals: { demandDeposits: 800_000 + week * 50_000, timeDeposits: 1_300_000, aum: 2_000_000, loansOutstanding: 6_000_000, clients: { A: 1, B: 1, C: 0 } },
}));


describe('charts', () => {
  it.each(['zh-CN', 'en'] as const)('renders the four charts in %s as PNGs of the expected size that are not blank', async (locale) => {
    const specs = chartSpecs(figures, trend, locale, CHART_FONT_FAMILY);
    expect(specs.map((s) => s.id)).toEqual([...chartIds]);
    mkdirSync('test-results/portfolio-report', { recursive: true });
    for (const spec of specs) {
      const bytes = await renderPng(spec);
      writeFileSync(`test-results/portfolio-report/chart-${locale}-${spec.id}.png`, bytes);
      const png = decodePng(bytes);
      expect(png.width, spec.id).toBe(CHART_SIZE.width * PIXEL_RATIO);
      expect(png.height, spec.id).toBe(CHART_SIZE.height * PIXEL_RATIO);
      expect(greyDeviation(png), spec.id).toBeGreaterThan(10);
    }
  });

  it('draws the Chinese labels with the chart font (text in the SVG, in the font family resvg is given)', () => {
    const svg = renderSvg(chartSpecs(figures, trend, 'zh-CN', CHART_FONT_FAMILY)[1]!);
    expect(svg).toContain('未来12个月贷款到期分布');
    expect(svg).toContain('集中度提示线 30%');
    expect(svg).toContain(CHART_FONT_FAMILY);
  });

  it('marks the concentrated month in the ladder chart', () => {
    const ladder = chartSpecs(figures, trend, 'en', CHART_FONT_FAMILY)[1]!.option as { series: Array<{ data: Array<{ itemStyle: { color: string } }> }> };
    const colours = ladder.series[0]!.data.map((d) => d.itemStyle.color);
    // December holds 4M and March 2M of the 6M book: both above 30 %; the other months are empty.
    expect(colours[1]).not.toBe(colours[0]);
    expect(colours[4]).toBe(colours[1]);
    expect(new Set(colours.filter((_, i) => i !== 1 && i !== 4))).toEqual(new Set([colours[0]]));
  });

  it('the subset font holds every character the charts can draw', () => {
    const inFont = new Set(CHART_FONT_CHARACTERS);
    const missing = [...chartCharacters()].filter((c) => !inFont.has(c));
    expect(missing, 'run node scripts/subset-chart-font.ts after changing charts/copy.ts').toEqual([]);
    for (const amount of [0, 12_345, 9_876_543, 3.2e9]) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect([...formatAmount(amount, locale)].filter((c) => !inFont.has(c))).toEqual([]);
      }
    }
  });
});
