// The news the fan-out tests serve prospect-scan instead of feeds: one steel IPO story that every steel RM's digest carries.
import { rm, type Rm } from '../../../lambdas/core/model.ts';
import type { FeedItem, ReadFeeds } from '../../../lambdas/prospect-scan/feeds/types.ts';
import { prospectScanWork } from '../../../lambdas/prospect-scan/job.ts';
import type { PerRmJob } from '../../../lambdas/core/fanout/per-rm-job.ts';

export const STEEL_IPO = '华东特钢股份有限公司在上海证监局办理上市辅导备案';

const story: FeedItem = {
  feedId: 'steel-feed',
  feedName: '钢铁商情网',
  title: STEEL_IPO,
  summary: '',
  link: 'https://steel.example/huadong-ipo',
  guid: 'huadong-ipo',
  published: '2026-03-04T01:00:00.000Z',
  lang: 'zh',
  industries: [],
};

/** An RM covering steel (the story is routed to them by keyword), reachable at `email`. */
export const steelRmOf = (rmId: string, email: string): Rm =>
  rm.parse({ rmId, name: `RM ${rmId}`, email, locale: 'en', industries: [{ name: 'Steel trade', keywords: ['钢铁', '特钢'] }] });

const readFeeds: ReadFeeds = async () => ({ items: [story], outcomes: [] });

/** prospect-scan with the story above in place of the feeds (the planner's part; a worker reads only the table). */
export const prospectScanOnNews = (): PerRmJob => prospectScanWork({ readFeeds });

/** The subject of an English digest of the date (prospect-scan's). */
export const digestSubject = (date: string) => new RegExp(`^Prospect radar ${date}`);
