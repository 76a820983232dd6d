// The authorization check every workbench and link action starts with: an RM finds only their own clients; another RM's client is no client at all.
import { describe, expect, it } from 'vitest';
import { client, type Client } from '../../../lambdas/core/model.ts';
import { NotFoundError } from '../../../lambdas/core/errors.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';
import { clientFor, type Actor } from '../../../lambdas/call-list/actions.ts';

const clients = new Map<string, Client>(
  [
    client.parse({ clientId: 'a-1', rmId: 'rm-a', kind: 'corporate', tier: 'A', name: 'East China Steel Trading' }),
    client.parse({ clientId: 'b-1', rmId: 'rm-b', kind: 'corporate', tier: 'B', name: '华东钢贸有限公司' }),
  ].map((c) => [c.clientId, c]),
);
/** The one read clientFor makes, over a map: the check is what is under test, not the table. */
const store = { getClient: async (clientId: string) => clients.get(clientId) } as unknown as RadarStore;

const web = (rmId: string): Actor => ({ source: 'web', rmId });
const link = (rmId: string): Actor => ({ source: 'email-link', rmId });

describe('clientFor', () => {
  it('gives an RM their own client, from the workbench or a link', async () => {
    expect((await clientFor(store, web('rm-a'), 'a-1')).clientId).toBe('a-1');
    expect((await clientFor(store, link('rm-b'), 'b-1')).clientId).toBe('b-1');
  });

  it("answers another RM's client exactly as a client that does not exist", async () => {
    const foreign = await clientFor(store, web('rm-b'), 'a-1').catch((error: unknown) => error);
    const missing = await clientFor(store, web('rm-b'), 'zz-9').catch((error: unknown) => error);
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((foreign as Error).message).toBe('no client with id a-1');
    expect((missing as Error).message).toBe('no client with id zz-9');
    await expect(clientFor(store, link('rm-a'), 'b-1')).rejects.toThrow(NotFoundError);
  });

  it('lets an operator at the CLI (no RM) reach any client', async () => {
    expect((await clientFor(store, { source: 'cli' }, 'a-1')).rmId).toBe('rm-a');
    expect((await clientFor(store, { source: 'cli' }, 'b-1')).rmId).toBe('rm-b');
    await expect(clientFor(store, { source: 'cli' }, 'zz-9')).rejects.toThrow(NotFoundError);
  });

  it('takes an empty RM id for an RM, not for the CLI', async () => {
    await expect(clientFor(store, web(''), 'a-1')).rejects.toThrow(NotFoundError);
  });
});
