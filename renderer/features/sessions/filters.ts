import { create } from 'zustand';
import type { Attendance, SessionListInput, SessionStatus } from '../../../common/sessions';

export interface SessionFilters {
  /** Attendee names, codes, national IDs or phones. */
  search: string;
  from: string;
  to: string;
  typeId: string | null;
  staffId: string | null;
  status: SessionStatus | null;
  clinicId: string | null;
  attendance: Attendance | null;
}

export const noSessionFilters: SessionFilters = {
  search: '',
  from: '',
  to: '',
  typeId: null,
  staffId: null,
  status: null,
  clinicId: null,
  attendance: null,
};

interface State {
  filters: SessionFilters;
  /** Where the list was scrolled to, so coming back from a session lands on the same rows. */
  scrollTop: number;
  set(patch: Partial<SessionFilters>): void;
  /** Clears the filters; the search stays. */
  clear(): void;
  setScrollTop(scrollTop: number): void;
}

/** The session list's search, filters and scroll position, kept while this window is open. */
export const useSessionListState = create<State>()((set) => ({
  filters: noSessionFilters,
  scrollTop: 0,
  set: (patch) => set((state) => ({ filters: { ...state.filters, ...patch }, scrollTop: 0 })),
  clear: () => set((state) => ({ filters: { ...noSessionFilters, search: state.filters.search }, scrollTop: 0 })),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));

export function isFiltered(filters: SessionFilters): boolean {
  return (
    filters.from !== '' ||
    filters.to !== '' ||
    filters.typeId !== null ||
    filters.staffId !== null ||
    filters.status !== null ||
    filters.clinicId !== null ||
    filters.attendance !== null
  );
}

/** The list procedure's input for these filters (blank means "any"). */
export function sessionListQuery(filters: SessionFilters): Omit<SessionListInput, 'offset' | 'limit'> {
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  return {
    search: filters.search.trim().slice(0, 200),
    from: date(filters.from),
    to: date(filters.to),
    typeId: filters.typeId,
    staffId: filters.staffId,
    status: filters.status,
    clinicId: filters.clinicId,
    attendance: filters.attendance,
  };
}
