// Small object helpers shared by the store modules.

/** A copy without the fields whose value is undefined (for comparing and storing records). */
export function withoutUndefined<T extends object>(value: T): T {
  // A loop, not Object.fromEntries(Object.entries(…)): it runs once per feed item, and the arrays cost more than the copy.
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) copy[key] = field;
  return copy as T;
}
