// The client-name index the radar looks clients up in: written, moved and cleaned up by RadarStore.putClients.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../support/local-aws.ts';
import { client, loan } from '../../../lambdas/core/model.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { companyKey } from '../../../lambdas/core/company-name.ts';
import { ProspectStore } from '../../../lambdas/prospect-scan/prospect-store.ts';
import { putClients } from '../../../lambdas/core/store/client-writes.ts';

let store: RadarStore;
let prospects: ProspectStore;

beforeAll(async () => {
  ({ store } = await createTestStore());
  prospects = new ProspectStore(store.table);
});

describe('client name index', () => {
  it('finds a client under its name, company name and aliases, with whether it borrows', async () => {
    await putClients(store, [
      client.parse({ clientId: 'S002', rmId: 'rm-steel', kind: 'corporate', tier: 'A', name: '沪钢物资贸易有限公司', aliases: ['沪钢物资'] }),
      client.parse({ clientId: 'P001', rmId: 'rm-auto', kind: 'individual', tier: 'B', name: '周海伦', companyName: 'Lakeside Motors Co., Ltd.' }),
    ]);
    await store.putLoans([loan.parse({ loanId: 'L1', clientId: 'S002', amount: 1_000_000, currency: 'CNY', startDate: '2026-01-01', maturityDate: '2027-01-01' })]);
    const found = await prospects.findClientsByName(['沪钢物资贸易', '沪钢物资', 'lakesidemotors', companyKey('周海伦'), 'nobody']);
    expect(found.get('沪钢物资贸易')).toEqual([{ clientId: 'S002', rmId: 'rm-steel', hasLoans: true }]);
    expect(found.get('沪钢物资')).toEqual([{ clientId: 'S002', rmId: 'rm-steel', hasLoans: true }]);
    expect(found.get('lakesidemotors')).toEqual([{ clientId: 'P001', rmId: 'rm-auto', hasLoans: false }]);
    // A person's own name is not a company name in the news.
    expect(found.get(companyKey('周海伦'))).toEqual([]);
    expect(found.get('nobody')).toEqual([]);
  });

  it('drops names a client no longer has and follows a client to its new RM', async () => {
    await putClients(store, [
      client.parse({ clientId: 'S002', rmId: 'rm-steel-2', kind: 'corporate', tier: 'A', name: '沪钢物资贸易有限公司', aliases: ['沪钢贸易'] }),
    ]);
    const found = await prospects.findClientsByName(['沪钢物资', '沪钢贸易', '沪钢物资贸易']);
    expect(found.get('沪钢物资')).toEqual([]);
    expect(found.get('沪钢贸易')).toEqual([{ clientId: 'S002', rmId: 'rm-steel-2', hasLoans: true }]);
    expect(found.get('沪钢物资贸易')).toEqual([{ clientId: 'S002', rmId: 'rm-steel-2', hasLoans: true }]);
  });

  it('finds a client recorded in Traditional script under the Simplified name the news uses', async () => {
    await putClients(store, [client.parse({ clientId: 'H001', rmId: 'rm-auto', kind: 'corporate', tier: 'A', name: '華南汽車集團有限公司' })]);
    const found = await prospects.findClientsByName([companyKey('华南汽车集团'), companyKey('華南汽車集團')]);
    expect(found.get(companyKey('华南汽车集团'))).toEqual([{ clientId: 'H001', rmId: 'rm-auto', hasLoans: false }]);
    expect(found.get(companyKey('華南汽車集團'))).toEqual([{ clientId: 'H001', rmId: 'rm-auto', hasLoans: false }]);
  });
});
