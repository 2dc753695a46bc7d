/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, `undefined`
 * members left out. Every adapter hands back the same parsed values, so the same event
 * gives the same bytes whichever store it was read from (PostgreSQL's jsonb reorders keys;
 * EventStoreDB keeps the writer's order).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot hash the number ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return Array.isArray(value)
        ? canonicalArray(value)
        : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`Cannot hash a value of type ${typeof value}`);
  }
}

function canonicalArray(values: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += values[i] === undefined ? 'null' : canonicalJson(values[i]);
  }
  return `${out}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
