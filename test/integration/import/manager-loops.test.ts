// An RMs import against DynamoDB Local refuses manager_id loops (within the file, or with RMs already stored), naming each row on the loop.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestStore } from '../../support/local-aws.ts';
import { importCsv } from '../../../lambdas/core/import/importer.ts';
import type { RadarStore } from '../../../lambdas/core/store/radar-store.ts';

const options = { timeZone: 'Asia/Shanghai' };
const header = 'rm_id,name,email,locale,manager_id';
const csv = (...lines: string[]) => Buffer.from([header, ...lines].join('\n'));
const row = (rmId: string, managerId = '') => `${rmId},RM ${rmId},${rmId}@bank.example,en,${managerId}`;
let store: RadarStore;

beforeEach(async () => {
  ({ store } = await createTestStore());
});

const managers = async () => Object.fromEntries((await store.listRms()).map((rm) => [rm.rmId, rm.managerId ?? null]));

describe('manager_id loops in an RMs import', () => {
  it('imports a tree of several levels', async () => {
    const report = await importCsv(store, 'rms', csv(row('head'), row('lead', 'head'), row('rm-a', 'lead'), row('rm-b', 'lead')), options);
    expect(report.problems).toEqual([]);
    expect(await managers()).toEqual({ head: null, lead: 'head', 'rm-a': 'lead', 'rm-b': 'lead' });
  });

  it('names every row of a loop in the file, and writes nothing', async () => {
    const report = await importCsv(store, 'rms', csv(row('rm-b', 'rm-a'), row('rm-a', 'rm-b'), row('rm-c', 'rm-a'), row('self', 'self')), options);
    expect(report.problems).toEqual([
      { line: 2, column: 'manager_id', message: 'manager_id "rm-a" makes a loop of managers (rm-a → rm-b → rm-a); one of them must report to someone outside it, or to no one' },
      { line: 3, column: 'manager_id', message: 'manager_id "rm-b" makes a loop of managers (rm-a → rm-b → rm-a); one of them must report to someone outside it, or to no one' },
      { line: 5, column: 'manager_id', message: 'manager_id "self" makes a loop of managers (self → self); one of them must report to someone outside it, or to no one' },
    ]);
    expect(report.written).toBe(0);
    expect(await managers()).toEqual({});
  });

  it('finds a loop the file closes with RMs already stored; with --skip-invalid the other rows are written and no loop is', async () => {
    await importCsv(store, 'rms', csv(row('head'), row('lead', 'head'), row('rm-a', 'lead')), options);
    // head now reporting to rm-a would put head below their own report's report.
    const file = csv(row('head', 'rm-a'), row('rm-new', 'lead'));
    const dry = await importCsv(store, 'rms', file, { ...options, dryRun: true });
    expect(dry.problems).toEqual([{ line: 2, column: 'manager_id', message: 'manager_id "rm-a" makes a loop of managers (head → rm-a → lead → head); one of them must report to someone outside it, or to no one' }]);
    expect((await importCsv(store, 'rms', file, options)).written).toBe(0);
    const skipped = await importCsv(store, 'rms', file, { ...options, skipInvalid: true });
    expect(skipped.written).toBe(1);
    expect(await managers()).toEqual({ head: null, lead: 'head', 'rm-a': 'lead', 'rm-new': 'lead' });
  });

  it('accepts a file that breaks a stored chain and rebuilds it elsewhere', async () => {
    await importCsv(store, 'rms', csv(row('head'), row('lead', 'head')), options);
    // The lead becomes the head's manager and the head reports to no one else: no loop once both rows are read.
    const report = await importCsv(store, 'rms', csv(row('lead'), row('head', 'lead')), options);
    expect(report.problems).toEqual([]);
    expect(await managers()).toEqual({ head: 'lead', lead: null });
  });
});
