// The morning benchmark's meters: DynamoDB requests and the capacity they consumed, and SQS requests, counted on the SDK clients.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RadarStore } from '../lambdas/core/store/radar-store.ts';

export interface Usage {
  requests: number;
  rcu: number;
  wcu: number;
  sqsRequests: number;
}

export const noUsage = (): Usage => ({ requests: 0, rcu: 0, wcu: 0, sqsRequests: 0 });

export const addUsage = (a: Usage, b: Usage): Usage => ({ requests: a.requests + b.requests, rcu: a.rcu + b.rcu, wcu: a.wcu + b.wcu, sqsRequests: a.sqsRequests + b.sqsRequests });

/** Counts every DynamoDB request of the store's client and the capacity DynamoDB says it consumed (asked for on each). */
export function meterDynamo(store: RadarStore, usage: Usage): void {
  const writes = /Put|Update|Delete|BatchWrite|TransactWrite/;
  store.table.doc.middlewareStack.add(
    (next, context) => async (call) => {
      (call.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(call);
      usage.requests += 1;
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      if (writes.test(String(context.commandName))) usage.wcu += units;
      else usage.rcu += units;
      return result;
    },
    { step: 'initialize', name: 'benchMeter' },
  );
}

export const SQS_METER = 'benchSqsMeter';

/** Counts every request of the SQS client until the middleware named SQS_METER is removed. */
export function meterSqs(sqs: SQSClient, usage: Usage): void {
  sqs.middlewareStack.add((next) => async (call) => ((usage.sqsRequests += 1), next(call)), { step: 'initialize', name: SQS_METER });
}
