import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';

/** The session types (active and retired), kept current by change events. */
export function useSessionTypes() {
  return useLiveQuery(() => api.sessionTypes.list.query(), ['session_types']);
}

/** Colleagues who can lead a session, for the staff pickers. */
export function useStaffDirectory() {
  return useLiveQuery(() => api.users.directory.query(), ['users']);
}
