import { useDebouncedValue } from '@mantine/hooks';
import type { SessionWarning } from '../../../common/sessions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import type { AttendeeRow } from './AttendanceGrid';
import { overlaps } from './time';

/** People checked before saving; a bigger group is checked by the core when it saves. */
export const CHECKED_PEOPLE = 10;

interface Probe {
  id: string | null;
  staffId: string;
  scheduledAt: string;
  durationMinutes: number;
  people: { id: string; name: string }[];
}

/**
 * The double bookings the core will warn about, looked up while the form is
 * filled in: other sessions of the staff member, and of the first few people
 * on the list, that overlap this one. Nothing here blocks saving.
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
        people: values.attendees.slice(0, CHECKED_PEOPLE).map((a) => ({ id: a.beneficiaryId, name: a.name })),
      }
    : null;
  const key = probe ? JSON.stringify(probe) : '';
  const [debounced] = useDebouncedValue(key, 300);
  const query = useLiveQuery(
    async (): Promise<SessionWarning[] | null> => {
      if (!debounced) return null;
      const p = JSON.parse(debounced) as Probe;
      const start = Date.parse(p.scheduledAt);
      // Sessions are under a day long: anything overlapping starts within the day before.
      const [window, ...timelines] = await Promise.all([
        api.sessions.agenda.query({
          from: new Date(start - 86_400_000).toISOString(),
          to: new Date(start + p.durationMinutes * 60_000).toISOString(),
        }),
        ...p.people.map((person) => api.sessions.timeline.query({ id: person.id })),
      ]);
      const clashing = window.filter(
        (s) => s.id !== p.id && s.status !== 'cancelled' && overlaps(s.scheduledAt, s.durationMinutes, p.scheduledAt, p.durationMinutes),
      );
      const warnings: SessionWarning[] = clashing
        .filter((s) => s.staffId === p.staffId)
        .map((s) => ({ kind: 'staffDoubleBooked', sessionId: s.id, scheduledAt: s.scheduledAt }));
      p.people.forEach((person, i) => {
        const theirs = new Set(timelines[i]!.map((entry) => entry.sessionId));
        for (const s of clashing)
          if (theirs.has(s.id))
            warnings.push({ kind: 'beneficiaryDoubleBooked', sessionId: s.id, scheduledAt: s.scheduledAt, beneficiaryName: person.name });
      });
      return warnings;
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
    /** More people than were checked. */
    partial: values.attendees.length > CHECKED_PEOPLE,
  };
}
