// The feed registry in the single table: one item per feed, listed through byOwner (entities.feed), with its health.
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { queryAll, withoutKeys, type Item, type TableContext } from '../../core/store/dynamo.ts';
import { entities } from '../../core/store/entities.ts';
import { isSecHost } from './edgar.ts';
import type { Feed, FeedHealth, FeedKind, FeedLang, FeedOutcome, FeedStoreForJob } from './types.ts';
import { withoutUndefined } from '../../core/objects.ts';

const feeds = entities.feed;

/** The URL as identity: scheme and host lower-cased by URL, fragment dropped. */
export function normaliseFeedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ValidationError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ValidationError(`a feed URL must be http(s): ${url}`);
  parsed.hash = '';
  return parsed.href;
}

/** A stable short id: the first 12 hex digits of the SHA-256 of the normalised URL the feed was added with. */
export function feedIdFor(url: string): string {
  return createHash('sha256').update(normaliseFeedUrl(url)).digest('hex').slice(0, 12);
}

export interface NewFeed {
  url: string;
  name?: string;
  lang?: FeedLang;
  industries?: string[];
  include?: string[];
  exclude?: string[];
  kind?: FeedKind;
}

/** The health after a read: failures counted, validators kept for the next conditional GET. */
export function nextHealth(health: FeedHealth, outcome: FeedOutcome): FeedHealth {
  switch (outcome.status) {
    case 'not-modified':
      // A 304 keeps the validators that earned it; nothing was read, so nothing was cut.
      return { ...health, consecutiveFailures: 0, lastSuccessAt: outcome.at, lastCut: outcome.cut };
    case 'ok':
    case 'moved':
      // A 200 replaces the validators, or clears them when the server sent none.
      return { ...health, consecutiveFailures: 0, lastSuccessAt: outcome.at, etag: outcome.etag, lastModified: outcome.lastModified, lastCut: outcome.cut };
    case 'gone':
    case 'failed':
      return {
        ...health,
        consecutiveFailures: outcome.status === 'failed' ? outcome.consecutiveFailures : health.consecutiveFailures + 1,
        lastError: outcome.error ?? outcome.status,
        lastErrorAt: outcome.at,
      };
  }
}

export class FeedStore implements FeedStoreForJob {
  readonly table: TableContext;

  constructor(table: TableContext) {
    this.table = table;
  }

  /** Registers a feed; a URL already registered is a conflict naming the existing feed. */
  async addFeed(input: NewFeed, now: Date): Promise<Feed> {
    const url = normaliseFeedUrl(input.url);
    const feedId = feedIdFor(url);
    const parsed = feeds.schema.safeParse({
      feedId,
      url,
      name: input.name?.trim() || new URL(url).hostname,
      lang: input.lang,
      industries: input.industries ?? [],
      include: input.include ?? [],
      exclude: input.exclude ?? [],
      kind: input.kind ?? (isSecHost(url) ? 'sec-edgar' : 'news'),
      active: true,
      addedAt: now.toISOString(),
      health: { consecutiveFailures: 0 },
    });
    if (!parsed.success) {
      throw new ValidationError(`invalid feed: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    const feed = parsed.data;
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: this.toItem(feed),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`feed ${feedId} is already registered for ${url}`);
      throw error;
    }
    return feed;
  }

  async getFeed(feedId: string): Promise<Feed | undefined> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: feeds.key(feedId) }));
    this.table.meter.record(result.Item ? 1 : 0, result.ConsumedCapacity);
    return result.Item ? this.fromItem(result.Item) : undefined;
  }

  /** A feed by id, by the URL it was added with, or by its current URL (after a 301). */
  async findFeed(idOrUrl: string): Promise<Feed | undefined> {
    if (!/^https?:\/\//i.test(idOrUrl)) return this.getFeed(idOrUrl.trim());
    const url = normaliseFeedUrl(idOrUrl);
    return (await this.getFeed(feedIdFor(url))) ?? (await this.listFeeds()).find((feed) => feed.url === url);
  }

  /** Every feed, active ones first. */
  async listFeeds(): Promise<Feed[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byOwner',
      KeyConditionExpression: 'GSI1PK = :registry',
      ExpressionAttributeValues: { ':registry': feeds.registryPartition },
    });
    return items.map((item) => this.fromItem(item));
  }

  async listActiveFeeds(): Promise<Feed[]> {
    const items = await queryAll(this.table, {
      IndexName: 'byOwner',
      KeyConditionExpression: 'GSI1PK = :registry AND begins_with(GSI1SK, :active)',
      ExpressionAttributeValues: { ':registry': feeds.registryPartition, ':active': feeds.activePrefix },
    });
    return items.map((item) => this.fromItem(item));
  }

  async removeFeed(feedId: string): Promise<void> {
    try {
      await this.table.doc.send(
        new DeleteCommand({ TableName: this.table.tableName, Key: feeds.key(feedId), ConditionExpression: 'attribute_exists(PK)' }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError(`no feed ${feedId}`);
      throw error;
    }
  }

  /** Turns a feed on or off (a 410 turns it off; `feeds add` of the same URL does not turn it back on). */
  async setActive(feed: Feed, active: boolean): Promise<Feed> {
    return this.write({ ...feed, active });
  }

  /**
   * Records one read: health always; a 301/308 moves the stored URL (the id stays);
   * a 410 deactivates the feed. A feed removed meanwhile stays removed.
   */
  async recordOutcome(feed: Feed, outcome: FeedOutcome): Promise<Feed> {
    return this.write({
      ...feed,
      url: outcome.movedTo ?? feed.url,
      active: outcome.status === 'gone' ? false : feed.active,
      health: nextHealth(feed.health, outcome),
    });
  }

  private async write(updated: Feed): Promise<Feed> {
    const registry = feeds.inRegistry(updated.feedId, updated.active);
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: feeds.key(updated.feedId),
          UpdateExpression: 'SET #url = :url, #active = :active, #health = :health, GSI1SK = :gsi1sk',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#url': 'url', '#active': 'active', '#health': 'health' },
          ExpressionAttributeValues: {
            ':url': updated.url,
            ':active': updated.active,
            ':health': withoutUndefined(updated.health),
            ':gsi1sk': registry.GSI1SK,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return updated;
      throw error;
    }
    return updated;
  }

  private toItem(feed: Feed): Item {
    return { ...feeds.key(feed.feedId), ...feeds.inRegistry(feed.feedId, feed.active), type: feeds.type, ...feed };
  }

  private fromItem(item: Item): Feed {
    return feeds.schema.parse(withoutKeys(item));
  }
}
