// DynamoDB's limits on one item and its keys, and the size of an item as DynamoDB counts it, checked before writing.
import type { Item } from './dynamo.ts';
import { GLOBAL_INDEXES, PARTITION_KEY, SORT_KEY } from './table-design.ts';

/** DynamoDB refuses an item over 400 KB, a partition key over 2,048 bytes and a sort key over 1,024 bytes (indexes too). */
export const ITEM_LIMITS = { itemBytes: 400 * 1024, partitionKeyBytes: 2048, sortKeyBytes: 1024 } as const;

const utf8 = new TextEncoder();
const bytesOf = (text: string) => utf8.encode(text).length;

/**
 * The size of an item as DynamoDB counts it: attribute names and string values in UTF-8 bytes, a
 * number about one byte per two significant digits plus one, a boolean or null one byte, a list or
 * map three bytes plus one per element. Undefined attributes are not written, so they count nothing.
 */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => (value === undefined ? sum : sum + bytesOf(name) + valueSize(value)), 0);
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return bytesOf(value);
  if (typeof value === 'number') return numberSize(value);
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + 1 + valueSize(element), 0);
  if (value instanceof Uint8Array) return value.length;
  if (typeof value === 'object') return 3 + Object.keys(value).length + itemSize(value as Item);
  throw new TypeError(`cannot store a ${typeof value} in DynamoDB`);
}

/**
 * DynamoDB keeps a number as base-100 digits aligned on the decimal point, zero pairs at either end
 * dropped, plus one byte: 1234.56 is 12|34|56 (4 bytes), 1,200,000 is 01|20 (3 bytes).
 */
function numberSize(value: number): number {
  const [whole = '', fraction = ''] = Math.abs(value).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }).split('.');
  const digits = (whole.length % 2 ? `0${whole}` : whole) + (fraction.length % 2 ? `${fraction}0` : fraction);
  const pairs = digits.match(/../g) ?? [];
  let first = 0;
  let last = pairs.length;
  while (first < last && pairs[first] === '00') first++;
  while (last > first && pairs[last - 1] === '00') last--;
  return Math.max(1, last - first) + 1;
}

/** What about an item DynamoDB would refuse: its size, or a key attribute of the table or an index too long. */
export function itemLimitProblems(item: Item): string[] {
  const problems: string[] = [];
  const size = itemSize(item);
  if (size > ITEM_LIMITS.itemBytes) {
    problems.push(`makes an item of ${size.toLocaleString('en-US')} bytes; DynamoDB stores at most ${ITEM_LIMITS.itemBytes.toLocaleString('en-US')}`);
  }
  const keyAttributes = [
    { name: PARTITION_KEY, limit: ITEM_LIMITS.partitionKeyBytes },
    { name: SORT_KEY, limit: ITEM_LIMITS.sortKeyBytes },
    ...GLOBAL_INDEXES.flatMap((index) => [
      { name: index.partitionKey, limit: ITEM_LIMITS.partitionKeyBytes },
      { name: index.sortKey, limit: ITEM_LIMITS.sortKeyBytes },
    ]),
  ];
  for (const { name, limit } of keyAttributes) {
    const value = item[name];
    const bytes = typeof value === 'string' ? bytesOf(value) : 0;
    if (bytes > limit) problems.push(`makes a key (${name}) of ${bytes.toLocaleString('en-US')} bytes; DynamoDB allows at most ${limit.toLocaleString('en-US')}`);
  }
  return problems;
}
