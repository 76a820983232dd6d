// Who reports to whom: the RMs' manager_id tree, with loops in it found and cut rather than followed; pure.

export interface ReportingLine {
  rmId: string;
  managerId?: string | undefined;
}

export interface ReportingTree {
  /** Everyone below a manager at any depth, depth first (a direct report, then theirs), each level in id order. */
  below(managerId: string): string[];
  /** The manager an RM reports to in the tree: undefined at the top, for an unknown manager, and on a loop. */
  managerOf(rmId: string): string | undefined;
  /** The managers with anyone below them, in id order. */
  managers(): string[];
  /** Each manager_id loop as the RM ids around it, from the smallest id on (an RM who is their own manager is a loop of one). */
  loops: string[][];
}

/**
 * The tree the lines make. A manager_id naming no RM of the list is ignored (the manager has no row).
 * An RM on a loop counts as reporting to no one: the loop is cut there, so nobody on it sees the
 * others' reports through it and no walk of the tree goes round it. The import refuses loops
 * (lambdas/core/import/importer.ts); this keeps a loop that reached the table anyway harmless.
 */
export function reportingTree(lines: readonly ReportingLine[]): ReportingTree {
  const declared = new Map(lines.map((line) => [line.rmId, line.managerId && line.managerId !== '' ? line.managerId : undefined]));
  const loops = findLoops(declared);
  const onLoop = new Set(loops.flat());
  const managerOf = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const [rmId, managerId] of declared) {
    if (!managerId || onLoop.has(rmId) || !declared.has(managerId)) continue;
    managerOf.set(rmId, managerId);
    const siblings = children.get(managerId);
    if (siblings) siblings.push(rmId);
    else children.set(managerId, [rmId]);
  }
  for (const siblings of children.values()) siblings.sort();
  return {
    below(managerId) {
      // With the loops cut every walk up ends at a top, so this walk down ends too; a stack, not recursion, for deep trees.
      const result: string[] = [];
      const stack = [...(children.get(managerId) ?? [])].reverse();
      while (stack.length > 0) {
        const id = stack.pop()!;
        result.push(id);
        stack.push(...[...(children.get(id) ?? [])].reverse());
      }
      return result;
    },
    managerOf: (rmId) => managerOf.get(rmId),
    managers: () => [...children.keys()].sort(),
    loops,
  };
}

/** Each RM has at most one manager, so every loop is found by walking up once from each RM: linear in the RMs. */
function findLoops(managerOf: ReadonlyMap<string, string | undefined>): string[][] {
  const done = new Set<string>();
  const loops: string[][] = [];
  for (const start of [...managerOf.keys()].sort()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | undefined = start;
    while (id !== undefined && managerOf.has(id) && !done.has(id) && !onPath.has(id)) {
      onPath.set(id, path.length);
      path.push(id);
      id = managerOf.get(id);
    }
    if (id !== undefined && onPath.has(id)) {
      const loop = path.slice(onPath.get(id));
      const smallest = loop.indexOf([...loop].sort()[0]!);
      loops.push([...loop.slice(smallest), ...loop.slice(0, smallest)]);
    }
    for (const visited of path) done.add(visited);
  }
  return loops;
}
