// The run record of a job and business date: a header (planned RMs, planning lease, times) and one outcome per RM.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '../model.ts';
import type { SendOutcome } from '../mail/send-once.ts';
import { entities, expiresAt } from '../store/entities.ts';
import { queryAll, writeIf, type TableContext } from '../store/dynamo.ts';
import { TTL_ATTRIBUTE } from '../store/table-design.ts';

/**
 * An RM's outcome in a run: how its send ended, 'not-needed' (nothing to send), or 'requeued': SES throttled
 * the send and a delayed copy of the item is on the queue (not final, and not failed: the copy decides).
 */
export type RmOutcome = SendOutcome | 'not-needed' | 'requeued';

/** Outcomes a later delivery may still change; the others are final (a redelivery must not turn 'sent' into 'already-sent'). */
const RETRYABLE: readonly RmOutcome[] = ['failed', 'in-progress', 'requeued'];


export interface RunRecord {
  job: string;
  businessDate: IsoDate;
  startedAt: string;
  /** Set once every work item is enqueued. */
  plannedAt?: string;
  planned?: number;
  /** The send rate (messages/s) the planner chose from SES's quota and the cap. */
  sendRate?: number;
  counts: Record<'sent' | 'alreadySent' | 'failed' | 'suppressed' | 'maybeSent' | 'notNeeded' | 'requeued', number>;
  /** RMs with a final outcome (all but failed, in-progress and requeued). */
  done: number;
  complete: boolean;
  /** The last final outcome's time, once the run is complete. */
  finishedAt?: string;
}


export interface PlanningClaim {
  job: string;
  businessDate: IsoDate;
  token: string;
}

/**
 * Claims the planning of a run. A scheduled planner (`replan` false) gets it only if no planner finished
 * and none holds a live lease, so a retried schedule enqueues no second set of work items. An operator's
 * run (`replan`: the CLI, `npm start`, a re-run event) always plans, into its own queue. Undefined: not claimed.
 */
export async function claimPlanning(
  table: TableContext,
  run: { job: string; businessDate: IsoDate },
  now: Date,
  options: { leaseSeconds: number; replan: boolean },
): Promise<PlanningClaim | undefined> {
  const token = randomUUID();
  const free = 'attribute_not_exists(planningUntil) OR planningUntil < :now';
  const condition = options.replan ? undefined : `attribute_not_exists(PK) OR (attribute_not_exists(plannedAt) AND (${free}))`;
  const claimed = await writeIf(
    table,
    new UpdateCommand({
      TableName: table.tableName,
      Key: entities.run.key(run.job, run.businessDate),
      UpdateExpression:
        'SET #type = :type, job = :job, businessDate = :date, startedAt = if_not_exists(startedAt, :nowIso), planningUntil = :until, planner = :token, ' +
        'GSI1PK = :gsi1pk, GSI1SK = :gsi1sk, #ttl = :ttl',
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#type': 'type', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':type': entities.run.type,
        ':job': run.job,
        ':date': run.businessDate,
        ...(condition ? { ':now': now.getTime() } : {}),
        ':nowIso': now.toISOString(),
        ':until': now.getTime() + options.leaseSeconds * 1000,
        ':token': token,
        ':gsi1pk': entities.run.byDate(run.job, run.businessDate).GSI1PK,
        ':gsi1sk': entities.run.byDate(run.job, run.businessDate).GSI1SK,
        ':ttl': expiresAt(now, entities.run.ttl.days),
      },
    }),
  );
  return claimed ? { ...run, token } : undefined;
}

/** Records that every item is enqueued and releases the lease; false when another planner has taken the run over since. */
export function markPlanned(table: TableContext, claim: PlanningClaim, planned: number, sendRate: number, now: Date): Promise<boolean> {
  return writeIf(
    table,
    new UpdateCommand({
      TableName: table.tableName,
      Key: entities.run.key(claim.job, claim.businessDate),
      UpdateExpression: 'SET plannedAt = :now, planned = :planned, sendRate = :rate REMOVE planningUntil',
      ConditionExpression: 'planner = :token',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':planned': planned, ':rate': sendRate, ':token': claim.token },
    }),
  );
}

/**
 * Gives up a planning claim whose planner failed before it enqueued everything (its shared work threw), so
 * the schedule's retry plans at once instead of waiting out the lease. False when another planner holds it now.
 */
export function releasePlanning(table: TableContext, claim: PlanningClaim): Promise<boolean> {
  return writeIf(
    table,
    new UpdateCommand({
      TableName: table.tableName,
      Key: entities.run.key(claim.job, claim.businessDate),
      UpdateExpression: 'REMOVE planningUntil',
      ConditionExpression: 'planner = :token AND attribute_not_exists(plannedAt)',
      ExpressionAttributeValues: { ':token': claim.token },
    }),
  );
}

/**
 * Records an RM's outcome once it is final; a retryable one (failed, in-progress) is recorded until a
 * later delivery replaces it. Returns false when a final outcome was already there (a redelivery).
 */
export function recordRmOutcome(
  table: TableContext,
  run: { job: string; businessDate: IsoDate },
  unit: { rmId: string; part?: string },
  outcome: RmOutcome,
  now: Date,
): Promise<boolean> {
  return writeIf(
    table,
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...entities.runOutcome.key(run.job, run.businessDate, unit.rmId, unit.part),
        type: entities.runOutcome.type,
        rmId: unit.rmId,
        ...(unit.part ? { part: unit.part } : {}),
        outcome,
        at: now.toISOString(),
        [TTL_ATTRIBUTE]: expiresAt(now, entities.runOutcome.ttl.days),
      },
      ConditionExpression: 'attribute_not_exists(PK) OR outcome IN (:failed, :inProgress, :requeued)',
      ExpressionAttributeValues: { ':failed': RETRYABLE[0], ':inProgress': RETRYABLE[1], ':requeued': RETRYABLE[2] },
    }),
  );
}

const COUNTER_OF: Record<RmOutcome, keyof RunRecord['counts']> = {
  sent: 'sent',
  'already-sent': 'alreadySent',
  failed: 'failed',
  'in-progress': 'failed',
  suppressed: 'suppressed',
  'maybe-sent': 'maybeSent',
  'not-needed': 'notNeeded',
  requeued: 'requeued',
};

/** The run of a job on a date, counted from its RM outcomes (one paged Query of its partition); undefined if never planned. */
export async function readRun(table: TableContext, job: string, businessDate: IsoDate): Promise<RunRecord | undefined> {
  const header = (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: entities.run.key(job, businessDate), ConsistentRead: true }))).Item;
  if (!header) return undefined;
  const outcomes = await queryAll(table, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :rm)',
    ExpressionAttributeValues: { ':pk': entities.runOutcome.partition(job, businessDate), ':rm': entities.runOutcome.sortPrefix },
    ProjectionExpression: 'outcome, #at',
    ExpressionAttributeNames: { '#at': 'at' },
  });
  const counts: RunRecord['counts'] = { sent: 0, alreadySent: 0, failed: 0, suppressed: 0, maybeSent: 0, notNeeded: 0, requeued: 0 };
  let finishedAt: string | undefined;
  for (const item of outcomes) {
    const outcome = item.outcome as RmOutcome;
    counts[COUNTER_OF[outcome]] += 1;
    if (!RETRYABLE.includes(outcome) && (!finishedAt || String(item.at) > finishedAt)) finishedAt = String(item.at);
  }
  const done = outcomes.length - counts.failed - counts.requeued;
  const planned = header.planned as number | undefined;
  const complete = header.plannedAt !== undefined && planned !== undefined && done >= planned;
  return {
    job,
    businessDate,
    startedAt: String(header.startedAt),
    ...(header.plannedAt ? { plannedAt: String(header.plannedAt), planned } : {}),
    ...(header.sendRate !== undefined ? { sendRate: Number(header.sendRate) } : {}),
    counts,
    done,
    complete,
    ...(complete && finishedAt ? { finishedAt } : {}),
  };
}

/** The latest runs' job and date, newest first (through byOwner), optionally of one job. */
export async function listRecentRuns(table: TableContext, options: { job?: string; limit: number }): Promise<{ job: string; businessDate: IsoDate }[]> {
  const found: { job: string; businessDate: IsoDate }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'byOwner',
        KeyConditionExpression: 'GSI1PK = :runs',
        ExpressionAttributeValues: { ':runs': entities.run.byDatePartition },
        ScanIndexForward: false,
        Limit: options.limit * 4,
        ExclusiveStartKey: startKey,
      }),
    );
    table.meter.record(page.Items?.length ?? 0, page.ConsumedCapacity);
    for (const item of page.Items ?? []) {
      if (!options.job || item.job === options.job) found.push({ job: String(item.job), businessDate: String(item.businessDate) as IsoDate });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && found.length < options.limit);
  return found.slice(0, options.limit);
}
