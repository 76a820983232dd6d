// Small object helpers shared by the store modules.

/** A copy without the fields whose value is undefined (for comparing and storing records). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
