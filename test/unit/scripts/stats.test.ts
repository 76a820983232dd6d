// The benchmarks' percentiles and table layout.
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../../scripts/stats.ts';
import { formatTable } from '../../../scripts/text-table.ts';

describe('percentile', () => {
  const samples = Array.from({ length: 200 }, (_, i) => 200 - i); // 200…1, unsorted on purpose

  it('takes the nearest rank, so p50 and p95 of 1…200 are 100 and 190', () => {
    expect(percentile(samples, 50)).toBe(100);
    expect(percentile(samples, 95)).toBe(190);
    expect(percentile(samples, 100)).toBe(200);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('does not reorder the samples it is given', () => {
    const given = [3, 1, 2];
    percentile(given, 50);
    expect(given).toEqual([3, 1, 2]);
  });

  it('refuses no samples and a percentile out of range', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
  });
});

describe('median', () => {
  it('is the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('formatTable', () => {
  it('left-aligns the first column and right-aligns the others', () => {
    expect(formatTable([['page', 'ms'], ['Today', '12.5'], ['Client page', '3']])).toBe(['page            ms', 'Today         12.5', 'Client page      3'].join('\n'));
  });
});
