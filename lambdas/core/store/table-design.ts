// The single table's key schema and indexes: one definition read by the CDK stack and by local setup.

export const PARTITION_KEY = 'PK';
export const SORT_KEY = 'SK';
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * Global secondary indexes, all with string keys and projecting every attribute.
 * - byOwner (GSI1): what belongs to an RM — clients per tier ordered by last contact,
 *   loans in arrears; also small registries (all RMs, all feeds).
 * - byDate (GSI2): the calendar — birthdays, anniversaries and events by RM and (lunar) month-day
 *   or exact date.
 * - byDue (GSI3): what falls due for an RM — loans by maturity, open follow-ups by due date.
 */
export const GLOBAL_INDEXES = [
  { indexName: 'byOwner', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { indexName: 'byDate', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { indexName: 'byDue', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
] as const;

export type IndexName = (typeof GLOBAL_INDEXES)[number]['indexName'];
