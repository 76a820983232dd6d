// The report's four charts as ECharts options, from the figures and the trend: pure data, no rendering.
import type { EChartsCoreOption } from 'echarts/core';
import type { IsoDate, Locale } from '../../core/model.ts';
import type { PortfolioFigures } from '../figures.ts';
import type { SnapshotTotals } from '../snapshot.ts';
import { formatAmount } from '../view.ts';
import { chartCopy } from './copy.ts';

export const chartIds = ['trend', 'ladder', 'mix', 'coverage'] as const;
export type ChartId = (typeof chartIds)[number];

export interface TrendPoint {
  date: IsoDate;
  totals: SnapshotTotals;
}

export interface ChartSpec {
  id: ChartId;
  /** Alt text for the image: the chart's title. */
  title: string;
  option: EChartsCoreOption;
}

export const CHART_SIZE = { width: 600, height: 300 } as const;
const COLOURS = { demand: '#2f7ed8', time: '#8bbc21', aum: '#f28f43', loans: '#7a5195', warn: '#d62728', ok: '#4e79a7', line: '#d62728' };

export function chartSpecs(figures: PortfolioFigures, trend: readonly TrendPoint[], locale: Locale, fontFamily: string): ChartSpec[] {
  const t = chartCopy[locale];
  const money = (value: number) => formatAmount(value, locale);
  const legend = { bottom: 4, textStyle: { fontFamily } };
  const chart = (id: ChartId, title: string, option: EChartsCoreOption): ChartSpec => ({
    id,
    title,
    option: {
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily },
      title: { text: title, left: 'center', top: 6, textStyle: { fontFamily, fontSize: 15, fontWeight: 'normal' } },
      ...option,
    },
  });

  const dates = trend.map((p) => p.date.slice(5));
  const series = (name: string, colour: string, pick: (t: SnapshotTotals) => number) => ({
    name,
    type: 'line',
    data: trend.map((p) => pick(p.totals)),
    itemStyle: { color: colour },
    lineStyle: { color: colour, width: 2 },
    symbolSize: 5,
  });
  const trendChart = chart('trend', t.trend.title, {
    legend,
    grid: { left: 64, right: 20, top: 44, bottom: 56 },
    xAxis: { type: 'category', data: dates, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: money } },
    series: [
      series(t.trend.demand, COLOURS.demand, (x) => x.demandDeposits),
      series(t.trend.time, COLOURS.time, (x) => x.timeDeposits),
      series(t.trend.aum, COLOURS.aum, (x) => x.aum),
      series(t.trend.loans, COLOURS.loans, (x) => x.loansOutstanding),
    ],
  });

  const ladder = figures.structure.ladder;
  const limitShare = figures.structure.concentrationShare;
  const total = figures.numbers.loansOutstanding.value;
  const ladderChart = chart('ladder', t.ladder.title, {
    grid: { left: 64, right: 20, top: 44, bottom: 32 },
    xAxis: { type: 'category', data: ladder.map((m) => t.ladder.month(Number(m.month.slice(5)))) },
    yAxis: { type: 'value', axisLabel: { formatter: money } },
    series: [
      {
        type: 'bar',
        data: ladder.map((m) => ({ value: m.amount, itemStyle: { color: m.concentrated ? COLOURS.warn : COLOURS.ok } })),
        markLine:
          total > 0
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { color: COLOURS.line, type: 'dashed' },
                label: { formatter: t.ladder.line(`${Math.round(limitShare * 100)}%`), position: 'insideEndTop', fontFamily },
                data: [{ yAxis: total * limitShare }],
              }
            : undefined,
      },
    ],
  });

  const { demandDeposits, timeDeposits } = figures.numbers;
  const mixChart = chart('mix', t.mix.title, {
    legend,
    series: [
      {
        type: 'pie',
        percentPrecision: 1,
        radius: ['38%', '64%'],
        center: ['50%', '54%'],
        label: { formatter: '{b} {d}%', fontFamily, fontSize: 13 },
        data: [
          { name: t.mix.demand, value: demandDeposits.value, itemStyle: { color: COLOURS.demand } },
          { name: t.mix.time, value: timeDeposits.value, itemStyle: { color: COLOURS.time } },
        ],
      },
    ],
  });

  const coverage = figures.activity.coverage;
  const tiers = ['A', 'B', 'C'] as const;
  const coverageChart = chart('coverage', t.coverage.title, {
    grid: { left: 56, right: 20, top: 60, bottom: 32 },
    xAxis: { type: 'category', data: tiers.map((tier) => t.coverage.tier(tier)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        barWidth: '40%',
        data: tiers.map((tier) => ({ value: Math.round(coverage[tier].share * 1000) / 10, itemStyle: { color: COLOURS.ok } })),
        label: { show: true, position: 'top', formatter: '{c}%', fontFamily },
      },
    ],
  });

  return [trendChart, ladderChart, mixChart, coverageChart];
}
