// The manager_id tree: everyone below a manager at any depth, unknown managers ignored, loops found and cut.
import { describe, expect, it } from 'vitest';
import { reportingTree, type ReportingLine } from '../../../lambdas/core/reporting-lines.ts';

const lines = (pairs: Record<string, string | undefined>): ReportingLine[] => Object.entries(pairs).map(([rmId, managerId]) => ({ rmId, managerId }));

describe('reportingTree', () => {
  it('puts everyone below a manager in their tree, at any depth, depth first and each level in id order', () => {
    // head ← lead-1 ← (rm-b, rm-a ← rm-a2), head ← lead-2 ← rm-c; solo reports to no one.
    const tree = reportingTree(lines({ head: undefined, 'lead-2': 'head', 'lead-1': 'head', 'rm-b': 'lead-1', 'rm-a': 'lead-1', 'rm-a2': 'rm-a', 'rm-c': 'lead-2', solo: undefined }));
    expect(tree.below('head')).toEqual(['lead-1', 'rm-a', 'rm-a2', 'rm-b', 'lead-2', 'rm-c']);
    expect(tree.below('lead-1')).toEqual(['rm-a', 'rm-a2', 'rm-b']);
    expect(tree.below('rm-a')).toEqual(['rm-a2']);
    expect(tree.below('rm-b')).toEqual([]);
    expect(tree.below('solo')).toEqual([]);
    expect(tree.managers()).toEqual(['head', 'lead-1', 'lead-2', 'rm-a']);
    expect(tree.managerOf('rm-a2')).toBe('rm-a');
    expect(tree.managerOf('head')).toBeUndefined();
    expect(tree.loops).toEqual([]);
  });

  it('ignores a manager_id that names no RM of the list', () => {
    const tree = reportingTree(lines({ 'rm-a': 'nobody', 'rm-b': 'rm-a' }));
    expect(tree.managerOf('rm-a')).toBeUndefined();
    expect(tree.below('nobody')).toEqual([]);
    expect(tree.below('rm-a')).toEqual(['rm-b']);
  });

  it('finds each loop once, from its smallest id, and cuts it: nobody on it is below anyone through it', () => {
    // rm-b ↔ rm-a is a loop; rm-c reports to rm-a; x → y → z → x is another; self manages self.
    const tree = reportingTree(lines({ 'rm-b': 'rm-a', 'rm-a': 'rm-b', 'rm-c': 'rm-a', y: 'z', z: 'x', x: 'y', tail: 'x', self: 'self' }));
    expect(tree.loops).toEqual([['rm-a', 'rm-b'], ['self'], ['x', 'y', 'z']]);
    expect(tree.below('rm-a')).toEqual(['rm-c']);
    expect(tree.below('rm-b')).toEqual([]);
    expect(tree.below('x')).toEqual(['tail']);
    expect(tree.below('self')).toEqual([]);
    expect(tree.managerOf('rm-a')).toBeUndefined();
    expect(tree.managerOf('rm-c')).toBe('rm-a');
  });

  it('walks a long chain without recursion or a loop', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ rmId: `rm-${String(i).padStart(5, '0')}`, managerId: i === 0 ? undefined : `rm-${String(i - 1).padStart(5, '0')}` }));
    const tree = reportingTree(chain);
    expect(tree.below('rm-00000')).toHaveLength(19_999);
    expect(tree.loops).toEqual([]);
    const closed = reportingTree([...chain.slice(1), { rmId: 'rm-00000', managerId: 'rm-19999' }]);
    expect(closed.loops).toHaveLength(1);
    expect(closed.loops[0]).toHaveLength(20_000);
    expect(closed.below('rm-00000')).toEqual([]);
  });
});
