// Prospect radar throughput: our decode + parse + normalise + classify + group, beside bare rss-parser, on a generated corpus.
// Usage: npm run bench:prospects [-- --feeds 50 --items 200 --runs 5]
import { parseArgs } from 'node:util';
import Parser from 'rss-parser';
import { wholeNumber } from './bench-args.ts';
import { parseFeedBody } from '../lambdas/prospect-scan/feeds/parse.ts';
import { classify, classifyByRules } from '../lambdas/prospect-scan/signals/classify.ts';
import type { Classifier } from '../lambdas/prospect-scan/signals/types.ts';
import { classifyItems, groupIntoStories } from '../lambdas/prospect-scan/stories.ts';
import type { FeedItem } from '../lambdas/prospect-scan/feeds/types.ts';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '50' },
    items: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
  },
});
const feedCount = wholeNumber('feeds', values.feeds);
const itemsPerFeed = wholeNumber('items', values.items);
const runs = wholeNumber('runs', values.runs);

// ---- the corpus: deterministic, both languages, triggers and noise ------------------------------

/** A small seeded generator (mulberry32), so every run benchmarks the same corpus. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ZH_COMPANIES = ['华东特钢', '宁远钢贸集团', '鑫海油品', '东海能源集团', '华南汽车集团', '金陵钢铁', '恒通成品油供应链', '騰龍汽車經銷', '宏達鋼材貿易', '新奥燃油'];
const EN_COMPANIES = ['Harbor Motors Group', 'Summit Auto Dealership Group', 'Pinecrest Car Dealers', 'Lakeside Motors', 'Orion Auto Retail', 'Redwood Steel Trading', 'Bluewater Fuel'];
const ZH_HEADLINES = [
  (c: string) => `${c}在上海证监局办理上市辅导备案`,
  (c: string) => `${c}向港交所递表，拟主板上市`,
  (c: string) => `${c}通過港交所上市聆訊`,
  (c: string) => `${c}完成5亿元B轮融资`,
  (c: string) => `${c}任命新财务总监`,
  (c: string) => `${c}新建年产100万吨产线开工`,
  (c: string) => `${c}被列为被执行人，执行标的1.2亿元`,
  (c: string) => `${c}中标省交通集团年度供应合同`,
  () => '本周螺纹钢期货价格震荡上行，社会库存继续下降',
  () => '港股IPO数量同比下降，市场情绪偏谨慎',
  () => '钢铁板块走强，多家上市公司股价上涨',
];
const EN_HEADLINES = [
  (c: string) => `${c} hires underwriters for Hong Kong IPO`,
  (c: string) => `${c} files for Nasdaq IPO`,
  (c: string) => `${c} prices IPO at $18 per share`,
  (c: string) => `${c} raises $120 million in Series C funding`,
  (c: string) => `${c} appoints new CFO`,
  (c: string) => `${c} to acquire three dealerships`,
  (c: string) => `${c} sued by lenders over missed bond payment`,
  () => 'IPO market cools as auto retailers delay listings',
  () => 'Car dealer stocks fall as EV price war deepens',
  () => '10 things to know about dealership valuations',
];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function generateFeed(index: number): { xml: string; lang: 'zh' | 'en' } {
  const next = random(index + 1);
  const lang = index % 2 === 0 ? 'zh' : 'en';
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const items: string[] = [];
  for (let i = 0; i < itemsPerFeed; i++) {
    const title = lang === 'zh' ? pick(ZH_HEADLINES)(pick(ZH_COMPANIES)) : pick(EN_HEADLINES)(pick(EN_COMPANIES));
    const summary = lang === 'zh' ? `<p>据报道，${title}。<b>业内人士</b>认为此举将影响行业格局&hellip;</p>` : `<p>Reports say ${title}. <b>Analysts</b> expect more deals&hellip;</p>`;
    const published = new Date(Date.UTC(2026, 10, 19, 0, 0, 0) - i * 60_000).toUTCString();
    items.push(
      `<item><title>${escapeXml(title)}</title><link>https://news${index}.example/a/${i}?utm_source=rss</link>` +
        `<guid isPermaLink="false">f${index}-i${i}</guid><pubDate>${published}</pubDate>` +
        `<description><![CDATA[${summary}]]></description></item>`,
    );
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${index}</title><link>https://news${index}.example/</link>${items.join('')}</channel></rss>`;
  return { xml, lang };
}

// ---- the measurements ---------------------------------------------------------------------------

const corpus = Array.from({ length: feedCount }, (_, index) => generateFeed(index));
const bodies = corpus.map((feed) => new TextEncoder().encode(feed.xml));
const totalItems = feedCount * itemsPerFeed;
const totalBytes = bodies.reduce((sum, body) => sum + body.length, 0);
const bare = new Parser();

async function bareParse(): Promise<number> {
  let count = 0;
  for (const feed of corpus) count += (await bare.parseString(feed.xml)).items.length;
  return count;
}

async function radar(classifier: Classifier = classify): Promise<{ items: number; signals: number; stories: number }> {
  let items = 0;
  let signals = 0;
  let stories = 0;
  for (let i = 0; i < corpus.length; i++) {
    const parsed = await parseFeedBody(bodies[i]!, 'application/rss+xml', {
      feedId: `feed-${i}`,
      feedName: `Feed ${i}`,
      lang: corpus[i]!.lang,
      industries: [],
    });
    const classified = classifyItems(parsed.items as FeedItem[], classifier, 0.5);
    items += parsed.items.length;
    signals += classified.length;
    stories += groupIntoStories(classified).length;
  }
  return { items, signals, stories };
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Warm up both paths (JIT, the OpenCC dictionary) before measuring.
await bareParse();
const check = await radar();
if (check.items !== totalItems) throw new Error(`the radar read ${check.items} items, expected ${totalItems}`);

await radar(classifyByRules);

const bareTimes: number[] = [];
const radarTimes: number[] = [];
const rulesTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  // Alternate the order so no path always runs on a warmer heap.
  const paths = [() => timed(bareParse).then(({ seconds }) => bareTimes.push(seconds)), () => timed(radar).then(({ seconds }) => radarTimes.push(seconds)), () => timed(() => radar(classifyByRules)).then(({ seconds }) => rulesTimes.push(seconds))];
  for (const path of run % 2 === 0 ? paths : paths.reverse()) await path();
}

const bareRate = totalItems / median(bareTimes);
const radarRate = totalItems / median(radarTimes);
const pad = (text: string, width: number) => text.padEnd(width);
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')} items/s`.padStart(18);

console.log(`corpus: ${feedCount} feeds × ${itemsPerFeed} items = ${totalItems.toLocaleString('en-US')} items (${(totalBytes / 1e6).toFixed(1)} MB, half Chinese, half English); median of ${runs} runs`);
console.log(`${pad('bare rss-parser (parseString)', 52)}${rate(bareRate)}`);
console.log(`${pad('radar: decode + parse + normalise + classify + group', 52)}${rate(radarRate)}`);
console.log(`ratio radar / bare: ${(radarRate / bareRate).toFixed(2)} (the radar costs ${(bareRate / radarRate).toFixed(2)}× the time of bare parsing)`);
const rulesRate = totalItems / median(rulesTimes);
console.log(`${pad('the same with the rules alone (no learned layer)', 52)}${rate(rulesRate)}  (ratio ${(rulesRate / bareRate).toFixed(2)}; the learned layer costs ${((rulesRate / radarRate - 1) * 100).toFixed(0)} % more time)`);
console.log(`found: ${check.signals.toLocaleString('en-US')} items with signals, ${check.stories.toLocaleString('en-US')} stories after grouping`);
