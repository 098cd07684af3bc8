export const roles = ['admin', 'manager', 'staff'] as const;
export type Role = (typeof roles)[number];

/**
 * The permission matrix, as data. `public` procedures need no sign-in
 * (first-run setup, sign-in itself); every other permission lists the roles
 * that hold it. A procedure with no permission cannot be declared.
 */
export const permissionMatrix = {
  public: 'anyone',
  'account.use': ['admin', 'manager', 'staff'],
  'clinics.read': ['admin', 'manager', 'staff'],
  'clinics.write': ['admin'],
  'beneficiaries.read': ['admin', 'manager', 'staff'],
  'beneficiaries.write': ['admin', 'manager', 'staff'],
  'beneficiaries.merge': ['admin', 'manager'],
  'beneficiaries.erase': ['admin'],
  'sessions.read': ['admin', 'manager', 'staff'],
  'sessions.write': ['admin', 'manager', 'staff'],
  'sessionTypes.write': ['admin'],
  'users.directory': ['admin', 'manager', 'staff'],
  'audit.read': ['admin', 'manager'],
  'sync.read': ['admin', 'manager', 'staff'],
} as const satisfies Record<string, readonly Role[] | 'anyone'>;

export type Permission = keyof typeof permissionMatrix;
export const permissionNames = Object.keys(permissionMatrix) as Permission[];

export function can(role: Role | null, permission: Permission): boolean {
  const holders: readonly Role[] | 'anyone' = permissionMatrix[permission];
  if (holders === 'anyone') return true;
  return role !== null && holders.includes(role);
}
