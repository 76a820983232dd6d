// The steel RM the prospect-scan integration tests file news for, with an address of its own in each test.
import { randomUUID } from 'node:crypto';
import { rm, type Rm } from '../../../lambdas/core/model.ts';

export function steelRm(): Rm {
  return rm.parse({
    rmId: 'rm-steel',
    name: '王敏',
    email: `steel-${randomUUID().slice(0, 8)}@bank.example`,
    locale: 'zh-CN',
    industries: [{ name: '钢材贸易', keywords: ['钢材', '钢铁'] }],
    watchList: ['华东特钢股份有限公司'],
  });
}
