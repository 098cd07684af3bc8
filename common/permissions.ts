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
  // Not staff: one import writes, updates or rolls back thousands of records at once.
  'imports.run': ['admin', 'manager'],
  'sessions.read': ['admin', 'manager', 'staff'],
  'sessions.write': ['admin', 'manager', 'staff'],
  'sessionTypes.write': ['admin'],
  'users.directory': ['admin', 'manager', 'staff'],
  'audit.read': ['admin', 'manager'],
  // Not staff: the dashboard compares colleagues' workloads; staff see their own work on Today.
  'reports.read': ['admin', 'manager'],
  'audit.verify': ['admin'],
  'users.manage': ['admin'],
  'backups.manage': ['admin'],
  'diagnostics.read': ['admin'],
  'settings.write': ['admin'],
  'updates.manage': ['admin'],
  'sync.read': ['admin', 'manager', 'staff'],
  'sync.run': ['admin', 'manager', 'staff'],
  'sync.resolve': ['admin', 'manager'],
  'sync.manage': ['admin'],
  'exports.lists': ['admin', 'manager'],
  'exports.case': ['admin', 'manager', 'staff'],
} as const satisfies Record<string, readonly Role[] | 'anyone'>;

export type Permission = keyof typeof permissionMatrix;
export const permissionNames = Object.keys(permissionMatrix) as Permission[];

export function can(role: Role | null, permission: Permission): boolean {
  const holders: readonly Role[] | 'anyone' = permissionMatrix[permission];
  if (holders === 'anyone') return true;
  return role !== null && holders.includes(role);
}

/** What each permission lets its holder do, in plain words (docs/roles.md is rendered from this and the matrix). */
export const permissionDescriptions = {
  public: 'First-run setup and signing in (no account needed).',
  'account.use': 'Use their own account: sign out, lock and unlock, set a PIN, follow live changes.',
  'clinics.read': 'See the clinics they belong to (admins: all clinics).',
  'clinics.write': "Change a clinic's name and code.",
  'beneficiaries.read': 'Find beneficiaries and open their profiles and history (every profile view is audited).',
  'beneficiaries.write': 'Register, edit, archive and restore beneficiaries.',
  'beneficiaries.merge': 'Merge two records of the same person.',
  'beneficiaries.erase': 'Erase a beneficiary, with a reason (leaves a tombstone and an audit entry).',
  'imports.run':
    'Import beneficiaries and past sessions from CSV or Excel files into their clinics, and resume, cancel or roll back an import. Not staff, since one import writes thousands of records.',
  'sessions.read': 'See sessions, the agenda, Today and timelines.',
  'sessions.write': 'Schedule and record sessions, mark attendance, reschedule.',
  'sessionTypes.write': 'Add, rename, recolour and retire session types.',
  'users.directory': 'See the names of colleagues in their clinics (to pick a staff member).',
  'audit.read': 'Read the audit trail.',
  'reports.read':
    "See the dashboard of their clinics (admins: all clinics): headline figures, charts and the lists they open. Not staff, since it compares colleagues' workloads.",
  'audit.verify': 'Check the audit trail for tampering.',
  'users.manage': 'Create users, change roles and clinics, deactivate, reset passwords.',
  'backups.manage': 'Back up now, list backups, and restore one.',
  'diagnostics.read': 'See versions, the data folder, database size and counts, last sync and backup, and recent errors.',
  'settings.write': 'Change installation settings (auto-lock and others) unless the deploy config locks them.',
  'updates.manage': 'See the update status, and check and install an update package from a file (USB stick or share).',
  'sync.read': 'See sync status: pending and rejected changes, and open conflicts.',
  'sync.run': 'Start a sync now, and resubmit a change the server refused once it is fixed.',
  'sync.resolve': 'Review conflicts between edits made on different computers, and restore the value that lost.',
  'sync.manage': 'Connect a standalone installation to a server, let a sync delete many records, and sign out with changes not yet sent.',
  'exports.lists':
    'Export lists in bulk (beneficiaries, sessions, attendance) and the dashboard tables as CSV or Excel, and print the monthly activity report, the beneficiary list and the session log as PDF, within their clinics. Every export is audited.',
  'exports.case': "Print one beneficiary's case summary as PDF (for a referral), within their clinics; audited. Staff cannot export lists.",
} as const satisfies Record<Permission, string>;
