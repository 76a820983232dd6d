// The demo feeds for `npm start`: served from demo/feeds with their dates moved next to the demo date.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { startFeedServer } from '../bin/local/feed-server.ts';
import type { RunningService } from '../bin/local/services.ts';
import type { IsoDate } from '../lambdas/core/model.ts';
import type { RadarStore } from '../lambdas/core/store/radar-store.ts';
import { FeedStore } from '../lambdas/prospect-scan/feeds/feed-store.ts';
import { feedLang } from '../lambdas/prospect-scan/feeds/types.ts';
import { shiftFeedBytes } from './feeds/shift-dates.ts';

const FEEDS_FOLDER = new URL('./feeds/', import.meta.url);

const demoFeedList = z.array(
  z.object({ path: z.string().startsWith('/'), name: z.string(), lang: feedLang, industries: z.array(z.string()) }),
);

export function startDemoFeedServer(options: { port: number; businessDate: IsoDate }): Promise<RunningService> {
  return startFeedServer({
    folder: FEEDS_FOLDER.pathname,
    port: options.port,
    transform: (body, name) => (name.endsWith('.json') ? body : shiftFeedBytes(body, options.businessDate)),
  });
}

/** Registers the demo feeds (demo/feeds/feeds.json) at the demo server's address; returns how many. */
export async function registerDemoFeeds(store: RadarStore, serverUrl: string): Promise<number> {
  const list = demoFeedList.parse(JSON.parse(await readFile(new URL('feeds.json', FEEDS_FOLDER), 'utf8')));
  const feeds = new FeedStore(store.table);
  for (const feed of list) {
    await feeds.addFeed({ url: `${serverUrl}${feed.path}`, name: feed.name, lang: feed.lang, industries: feed.industries }, new Date());
  }
  return list.length;
}
