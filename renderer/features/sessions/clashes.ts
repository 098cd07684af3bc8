import { useDebouncedValue } from '@mantine/hooks';
import type { SessionWarning } from '../../../common/sessions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import type { AttendeeRow } from './AttendanceGrid';

interface Probe {
  id: string | null;
  staffId: string;
  scheduledAt: string;
  durationMinutes: number;
  beneficiaryIds: string[];
}

/**
 * The double bookings the core will warn about, looked up while the form is
 * filled in: other sessions of the staff member, and of the people on the
 * list, that overlap this one. Nothing here blocks saving.
 */
export function useClashes(
  id: string | null,
  values: { staffId: string; scheduledAt: string | null; durationMinutes: number | string; cancelled: boolean; attendees: AttendeeRow[] },
) {
  const duration = Number(values.durationMinutes);
  const ready = !!values.staffId && !!values.scheduledAt && Number.isInteger(duration) && duration > 0 && !values.cancelled;
  const probe: Probe | null = ready
    ? {
        id,
        staffId: values.staffId,
        scheduledAt: values.scheduledAt!,
        durationMinutes: duration,
        beneficiaryIds: values.attendees.map((a) => a.beneficiaryId),
      }
    : null;
  const key = probe ? JSON.stringify(probe) : '';
  const [debounced] = useDebouncedValue(key, 300);
  const query = useLiveQuery(
    async (): Promise<SessionWarning[] | null> => {
      if (!debounced) return null;
      return api.sessions.clashes.query(JSON.parse(debounced) as Probe);
    },
    ['sessions', 'session_attendees'],
    [debounced],
  );
  return {
    /** Undefined until there is something to check. */
    warnings: key && key === debounced ? query.data : undefined,
    checking: !!key && (key !== debounced || query.loading),
    ready,
    error: query.error,
  };
}
