// `rm-radar feeds add|list|remove|check`: manage the feed registry and try feeds by hand.
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FeedStore } from '../../lambdas/prospect-scan/feeds/feed-store.ts';
import { createFeedFetcher, fetcherSettings } from '../../lambdas/prospect-scan/feeds/fetch.ts';
import { parseFeedBody } from '../../lambdas/prospect-scan/feeds/parse.ts';
import { signalsOf } from '../../lambdas/prospect-scan/stories.ts';
import { isSecHost } from '../../lambdas/prospect-scan/feeds/edgar.ts';
import { FeedError, oneLineReason } from '../../lambdas/prospect-scan/feeds/errors.ts';
import { feedKinds, feedLangs, type Feed, type FeedItem, type FeedKind, type FeedLang } from '../../lambdas/prospect-scan/feeds/types.ts';
import type { Signal } from '../../lambdas/prospect-scan/signals/types.ts';
import { describeCut } from '../../lambdas/prospect-scan/caps.ts';
import type { CliContext } from './context.ts';
import { NotFoundError } from '../../lambdas/core/errors.ts';

/** Repeatable option that also accepts comma-separated values: `--industry 制造 --industry semis,biotech`. */
function collect(value: string, previous: string[]): string[] {
  const values = value.split(/[,，]/).map((part) => part.trim()).filter(Boolean);
  if (values.length === 0) throw new InvalidArgumentError('must not be empty');
  return [...previous, ...values];
}

export function registerFeedsCommands(program: Command, context: CliContext): void {
  const feeds = program.command('feeds').description('the news and SEC EDGAR feeds the prospect radar reads');
  const store = () => new FeedStore(context.store.table);

  feeds
    .command('add')
    .description('register a feed (RSS or Atom; sec.gov feeds are read as SEC EDGAR filings)')
    .argument('<url>', 'the feed URL (http or https)')
    .option('--name <name>', 'a short name shown in digests (default: the host name)')
    .addOption(new Option('--lang <lang>', 'the language of its headlines').choices(feedLangs))
    .option('--industry <name>', 'an industry its news is about (repeatable, or comma-separated)', collect, [])
    .option('--include <keyword>', 'keep only items mentioning one of these (repeatable, or comma-separated)', collect, [])
    .option('--exclude <keyword>', 'drop items mentioning any of these (repeatable, or comma-separated)', collect, [])
    .addOption(new Option('--kind <kind>', 'news, or sec-edgar for EDGAR filing feeds (default: from the host)').choices(feedKinds))
    .action(async (url: string, options: { name?: string; lang?: FeedLang; industry: string[]; include: string[]; exclude: string[]; kind?: FeedKind }) => {
      const feed = await store().addFeed(
        { url, name: options.name, lang: options.lang, industries: options.industry, include: options.include, exclude: options.exclude, kind: options.kind },
        context.clock.now(),
      );
      context.print(`added feed ${feed.feedId}: ${feed.name} <${feed.url}> (${feed.kind}${feed.lang ? `, ${feed.lang}` : ''})`);
    });

  feeds
    .command('list')
    .description('every feed with its health: last success, consecutive failures, last error, what the per-run caps cut')
    .option('--json', 'one JSON object per line')
    .action(async (options: { json?: boolean }) => {
      const all = await store().listFeeds();
      if (options.json) {
        for (const feed of all) context.print(JSON.stringify(feed));
        return;
      }
      if (all.length === 0) {
        context.print('no feeds yet: add one with `rm-radar feeds add URL`');
        return;
      }
      for (const feed of all) context.print(formatFeed(feed, context.config.prospects.failingAfter));
    });

  feeds
    .command('remove')
    .description('remove a feed from the registry')
    .argument('<idOrUrl>', 'the feed id (from `feeds list`) or its URL')
    .action(async (idOrUrl: string) => {
      const feed = await store().findFeed(idOrUrl);
      if (!feed) throw new NotFoundError(`no feed matches "${idOrUrl}" (see \`rm-radar feeds list\`)`);
      await store().removeFeed(feed.feedId);
      context.print(`removed feed ${feed.feedId}: ${feed.name} <${feed.url}>`);
    });

  feeds
    .command('check')
    .description('read feed files or URLs as the job does and print their items with their signals; exits 1 if any feed failed')
    .argument('<source...>', 'feed files or http(s) URLs')
    .option('--json', 'one JSON line per item {feed,title,link,published,signals}, then {feed,items} or {feed,error} per feed')
    .option('--allow-private', 'allow URLs on loopback/private addresses (a test server on this machine)')
    .action(async (sources: string[], options: { json?: boolean; allowPrivate?: boolean }) => {
      const config = context.config.prospects;
      const fetchFeed = createFeedFetcher(fetcherSettings(config, { allowPrivateHosts: config.allowPrivateHosts || Boolean(options.allowPrivate) }));
      let failed = 0;
      for (const source of sources) {
        try {
          const isUrl = /^https?:\/\//i.test(source);
          let body: Uint8Array;
          let contentType: string | undefined;
          let finalUrl: string | undefined;
          if (isUrl) {
            const fetched = await fetchFeed({ url: source, kind: isSecHost(source) ? 'sec-edgar' : 'news' });
            if (fetched.status !== 'ok') throw new FeedError('http', fetched.status === 'not-modified' ? 'not modified (304)' : fetched.error);
            ({ body, contentType, url: finalUrl } = fetched);
          } else {
            body = await readSourceFile(source);
          }
          const parsed = await parseFeedBody(body, contentType, { feedId: source, feedName: source, industries: [], url: finalUrl });
          printItems(context, source, parsed, options.json);
        } catch (error) {
          failed++;
          const reason = error instanceof FeedError ? error.message : oneLineReason(error);
          context.print(options.json ? JSON.stringify({ feed: source, error: reason }) : `${source}: FAILED — ${reason}`);
        }
      }
      if (failed > 0) process.exitCode = 1;
    });
}

async function readSourceFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new FeedError('network', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? oneLineReason(error)})`);
  }
}

function printItems(context: CliContext, source: string, parsed: { title?: string; items: FeedItem[]; encoding: string; kind: FeedKind }, json?: boolean): void {
  if (json) {
    for (const item of parsed.items) {
      context.print(JSON.stringify({ feed: source, title: item.title, link: item.link ?? null, published: item.published ?? null, signals: signalsOf(item) }));
    }
    context.print(JSON.stringify({ feed: source, items: parsed.items.length }));
    return;
  }
  context.print(`${source} — ${parsed.title ?? '(untitled)'} [${parsed.kind}, ${parsed.encoding}, ${parsed.items.length} items]`);
  for (const item of parsed.items) {
    context.print(`  ${item.published?.slice(0, 10) ?? '----------'}  ${item.title}`);
    for (const signal of signalsOf(item)) context.print(`      → ${describeSignal(signal)}`);
    if (item.link) context.print(`      ${item.link}`);
  }
}

function describeSignal(signal: Signal): string {
  const what = signal.stage ? `${signal.type}/${signal.stage}` : signal.type;
  return `${what}${signal.company ? ` ${signal.company}` : ''} (confidence ${signal.confidence}, rule ${signal.rule})`;
}

function formatFeed(feed: Feed, failingAfter: number): string {
  const health = feed.health;
  const state = !feed.active
    ? 'inactive'
    : health.consecutiveFailures >= failingAfter
      ? 'FAILING'
      : health.consecutiveFailures > 0
        ? 'erroring'
        : health.lastSuccessAt
          ? 'ok'
          : 'new';
  const details = [feed.kind, feed.lang, feed.industries.length ? `industries: ${feed.industries.join(', ')}` : undefined]
    .concat(feed.include.length ? [`include: ${feed.include.join(', ')}`] : [], feed.exclude.length ? [`exclude: ${feed.exclude.join(', ')}`] : [])
    .filter(Boolean)
    .join('; ');
  const lines = [`${feed.feedId}  ${state.padEnd(8)}  ${feed.name} <${feed.url}>`, `    ${details}`];
  const healthParts = [
    health.lastSuccessAt ? `last success ${health.lastSuccessAt}` : 'never read successfully',
    `${health.consecutiveFailures} consecutive failure${health.consecutiveFailures === 1 ? '' : 's'}`,
  ];
  if (health.lastError) healthParts.push(`last error ${health.lastErrorAt ?? ''}: ${health.lastError}`);
  lines.push(`    ${healthParts.join('; ')}`);
  if (health.lastCut) lines.push(`    ${describeCut(health.lastCut)}`);
  return lines.join('\n');
}
