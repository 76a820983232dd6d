// Story grouping under a flood: items/s for 20,000 reports about one company beside 20,000 about 20,000 companies.
// Usage: npm run bench -- grouping [-- --items 20000 --runs 3]; exits 1 when the one-company case is slower than half the other.
import { parseArgs } from 'node:util';
import { wholeNumber } from './bench-args.ts';
import { classify } from '../lambdas/prospect-scan/signals/classify.ts';
import { classifyItems, groupIntoStories, type GroupingProbe } from '../lambdas/prospect-scan/stories.ts';
import { capStoriesPerCompany } from '../lambdas/prospect-scan/caps.ts';
import { isCompanyStory } from '../lambdas/prospect-scan/model.ts';
import { applyStories } from '../lambdas/prospect-scan/prospects.ts';
import { loadConfig } from '../lambdas/core/config.ts';
import type { FeedItem } from '../lambdas/prospect-scan/feeds/types.ts';

const { values } = parseArgs({ options: { items: { type: 'string', default: '20000' }, runs: { type: 'string', default: '3' } } });
const itemCount = wholeNumber('items', values.items);
const runs = wholeNumber('runs', values.runs);

const settings = loadConfig({ TABLE_NAME: 'bench', SENDER_EMAIL: 'bench@bank.example' }).prospects;
const BUSINESS_DATE = '2026-11-20';

// Three-character names from a 30-character pool: 27,000 distinct companies the classifier reads as such.
const POOL = '宏远金泰达华东恒通鑫海宁安盛隆瑞丰永昌兴联德润嘉禾广源振';
function companyName(index: number): string {
  const at = (n: number) => POOL[n % POOL.length]!;
  return `${at(index)}${at(Math.floor(index / POOL.length))}${at(Math.floor(index / POOL.length ** 2))}钢铁有限公司`;
}

/** One feed's items: each a contract with its own figure (so no two are one event), by `companyOf(i)`. */
function feed(companyOf: (index: number) => string): FeedItem[] {
  return Array.from({ length: itemCount }, (_, i) => ({
    feedId: 'flood',
    feedName: 'Flood',
    title: `${companyOf(i)}中标${i + 1}万元钢材采购合同`,
    summary: '',
    link: `https://flood.example/a/${i}`,
    guid: `item-${i}`,
    published: new Date(Date.UTC(2026, 10, 19) - i * 1000).toISOString(),
    lang: 'zh',
    industries: [],
  }));
}

const oneCompany = feed(() => '华东特钢股份有限公司');
const manyCompanies = feed(companyName);

/** The in-memory work of a run on these items: signals, stories, the per-company cap, each company's record. */
function file(items: FeedItem[], probe: GroupingProbe): { companies: number; stories: number; kept: number } {
  const stories = groupIntoStories(classifyItems(items, classify, settings.minConfidence), probe);
  const { kept } = capStoriesPerCompany(stories.filter(isCompanyStory), settings.maxStoriesPerCompany);
  const byCompany = new Map<string, typeof kept>();
  for (const story of kept) {
    const list = byCompany.get(story.companyKey);
    if (list) list.push(story);
    else byCompany.set(story.companyKey, [story]);
  }
  for (const companyStories of byCompany.values()) applyStories(undefined, companyStories, BUSINESS_DATE);
  return { companies: byCompany.size, stories: stories.length, kept: kept.length };
}

function measure(items: FeedItem[]): { rate: number; comparisons: number; shape: ReturnType<typeof file> } {
  const times: number[] = [];
  let comparisons = 0;
  let shape = file(items, { comparisons: 0 });
  for (let run = 0; run < runs; run++) {
    const probe = { comparisons: 0 };
    const start = process.hrtime.bigint();
    shape = file(items, probe);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    comparisons = probe.comparisons;
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return { rate: items.length / median, comparisons, shape };
}

// Warm up (JIT, the OpenCC dictionary) on a slice of each, then measure, alternating which goes first.
file(oneCompany.slice(0, 500), { comparisons: 0 });
file(manyCompanies.slice(0, 500), { comparisons: 0 });
const many = measure(manyCompanies);
const one = measure(oneCompany);
if (one.shape.companies !== 1 || many.shape.companies !== itemCount) {
  throw new Error(`the classifier found ${one.shape.companies} and ${many.shape.companies} companies; expected 1 and ${itemCount}`);
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const row = (label: string, result: typeof one) =>
  `${label.padEnd(36)}${`${count(result.rate)} items/s`.padStart(16)}   ${count(result.shape.stories)} stories, ${count(result.shape.kept)} filed, ${count(result.comparisons)} comparisons`;
const ratio = one.rate / many.rate;
console.log(`${count(itemCount)} contract reports, each with its own figure (no two are one event); median of ${runs} runs`);
console.log(`work: classify + group + cap ${settings.maxStoriesPerCompany} stories per company + apply to each company's record (no per-feed cap)`);
console.log(row('one company', one));
console.log(row(`${count(itemCount)} companies`, many));
console.log(`ratio one company / many companies: ${ratio.toFixed(2)} (must be at least 0.50)`);
if (ratio < 0.5) process.exitCode = 1;
