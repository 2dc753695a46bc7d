/** What a key may do. `admin` may do everything the others may. */
export const ROLES = ['recorder', 'analyst', 'auditor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a key of `role` may use an endpoint open to `allowed`; admins may use all. */
export function roleGrants(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role);
}
