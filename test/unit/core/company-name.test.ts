// Company-name keys: the lookup key of a name, a prospect's id (Simplified script) and the keys of the client-name index.
import { describe, expect, it } from 'vitest';
import { companyKey, companyNameKeys, prospectKey } from '../../../lambdas/core/company-name.ts';

describe('companyKey', () => {
  it('strips legal suffixes, brackets, case and punctuation', () => {
    expect(companyKey('沪钢物资贸易有限公司')).toBe('沪钢物资贸易');
    expect(companyKey('宝泰钢铁（上海）股份有限公司')).toBe('宝泰钢铁');
    expect(companyKey('Northwind Motors Holdings, Inc.')).toBe('northwindmotors');
    expect(companyKey('Northwind Motors Ltd')).toBe('northwindmotors');
    expect(companyKey('ＡＢＣ Ｃｏｒｐ．')).toBe('abc');
    expect(companyKey('華南汽車集團有限公司')).toBe('華南汽車');
  });
});

describe('prospectKey', () => {
  it('is the key of the Simplified name, so both scripts file one prospect', () => {
    expect(prospectKey('華南汽車集團有限公司')).toBe('华南汽车');
    expect(prospectKey('华南汽车集团')).toBe('华南汽车');
    expect(prospectKey('Northwind Motors Inc.')).toBe('northwindmotors');
    expect(prospectKey('（上海）')).toBe('');
  });
});

describe('companyNameKeys', () => {
  it('gives the key as written and in Simplified, once when they agree, never an empty key', () => {
    expect(companyNameKeys('華南汽車集團')).toEqual(['華南汽車', '华南汽车']);
    expect(companyNameKeys('华南汽车集团')).toEqual(['华南汽车']);
    expect(companyNameKeys('Northwind Motors Ltd')).toEqual(['northwindmotors']);
    expect(companyNameKeys('（上海）')).toEqual([]);
  });
});
