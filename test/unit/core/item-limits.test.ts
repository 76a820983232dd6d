// DynamoDB's item and key limits: item sizes counted as DynamoDB counts them, and what an import would have refused.
import { describe, expect, it } from 'vitest';
import { ITEM_LIMITS, itemLimitProblems, itemSize } from '../../../lambdas/core/store/item-limits.ts';

describe('item size', () => {
  it('counts attribute names and strings in UTF-8 bytes, numbers by significant digits, lists and maps with their overhead', () => {
    expect(itemSize({ PK: 'CLIENT#c-1' })).toBe(2 + 10);
    expect(itemSize({ name: '沪钢' })).toBe(4 + 6);
    // Base-100 digits aligned on the decimal point, plus one: 01|20, 12|34|50, 00|05 → 05.
    expect(itemSize({ n: 1_200_000 })).toBe(1 + 3);
    expect(itemSize({ n: 1234.5 })).toBe(1 + 4);
    expect(itemSize({ n: 0.05 })).toBe(1 + 2);
    expect(itemSize({ n: 0 })).toBe(1 + 2);
    expect(itemSize({ flag: true, gone: undefined })).toBe(4 + 1);
    expect(itemSize({ list: ['ab', 'c'] })).toBe(4 + 3 + (1 + 2) + (1 + 1));
    expect(itemSize({ map: { a: 'xy' } })).toBe(3 + 3 + 1 + (1 + 2));
  });
});

describe('item limits', () => {
  it('accepts an item of exactly 400 KB and refuses one byte more', () => {
    const at = (bytes: number) => ({ PK: 'P', SK: 'S', v: 'x'.repeat(bytes - 'PKPSKSv'.length) });
    expect(itemSize(at(ITEM_LIMITS.itemBytes))).toBe(409_600);
    expect(itemLimitProblems(at(ITEM_LIMITS.itemBytes))).toEqual([]);
    expect(itemLimitProblems(at(ITEM_LIMITS.itemBytes + 1))).toEqual(['makes an item of 409,601 bytes; DynamoDB stores at most 409,600']);
  });

  it('refuses a partition key over 2,048 bytes and a sort key over 1,024, in the table and in every index', () => {
    const long = (bytes: number) => '钢'.repeat(Math.ceil(bytes / 3));
    expect(itemLimitProblems({ PK: long(2048 - 2), SK: long(1024 - 1) })).toEqual([]);
    expect(itemLimitProblems({ PK: long(2049), SK: 'S' })).toEqual(['makes a key (PK) of 2,049 bytes; DynamoDB allows at most 2,048']);
    expect(itemLimitProblems({ PK: 'P', SK: 'S', GSI2SK: long(1025) })).toEqual(['makes a key (GSI2SK) of 1,026 bytes; DynamoDB allows at most 1,024']);
    expect(itemLimitProblems({ PK: 'P', SK: 'S', GSI3PK: long(2050) })).toHaveLength(1);
  });
});
