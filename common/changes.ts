/** What a change event names, so open views know whether to refresh. */
export const changeTopics = [
  'clinics',
  'users',
  'settings',
  'beneficiaries',
  'session_types',
  'sessions',
  'session_attendees',
  'conflicts',
  'audit_log',
  'outbox',
] as const;
export type ChangeTopic = (typeof changeTopics)[number];

export interface ChangeEvent {
  topics: ChangeTopic[];
}
