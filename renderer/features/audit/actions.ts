/** The actions the core records, by the group their prefix names: the audit viewer's action filter. */
export const actionGroups: Record<string, readonly string[]> = {
  beneficiaries: ['register', 'update', 'view', 'archive', 'restore', 'merge', 'erase'],
  sessions: ['schedule', 'record', 'update', 'complete', 'markAttendance', 'addAttendee', 'removeAttendee', 'followUpDone'],
  sessionTypes: ['create', 'update'],
  users: ['create', 'update', 'changeRole', 'activate', 'deactivate', 'resetPassword'],
  account: ['signIn', 'signOut', 'signInFailed', 'lock', 'unlock', 'setPin', 'confirmPassword'],
  clinics: ['create', 'update'],
  settings: ['update'],
  backups: ['create', 'restore', 'redownload'],
  updates: ['verify', 'install'],
};
