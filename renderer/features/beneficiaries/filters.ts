import { create } from 'zustand';
import type { AgeBand, BeneficiaryStatus, ListInput, Sex } from '../../../common/beneficiaries';

export type ListSort = NonNullable<ListInput['sort']>;

export interface ListFilters {
  search: string;
  status: BeneficiaryStatus | null;
  sex: Sex | null;
  ageBand: AgeBand | null;
  tag: string;
  registeredFrom: string;
  registeredTo: string;
  clinicId: string | null;
  sort: ListSort;
}

export const noFilters: ListFilters = {
  search: '',
  status: null,
  sex: null,
  ageBand: null,
  tag: '',
  registeredFrom: '',
  registeredTo: '',
  clinicId: null,
  sort: 'name',
};

interface ListState {
  filters: ListFilters;
  /** Where the list was scrolled to, so coming back from a profile lands on the same rows. */
  scrollTop: number;
  set(patch: Partial<ListFilters>): void;
  /** Clears the filters; the search and the sort stay. */
  clear(): void;
  setScrollTop(scrollTop: number): void;
}

/** The list's search, filters and scroll position, kept while this window is open. */
export const useListState = create<ListState>()((set) => ({
  filters: noFilters,
  scrollTop: 0,
  set: (patch) => set((state) => ({ filters: { ...state.filters, ...patch }, scrollTop: 0 })),
  clear: () => set((state) => ({ filters: { ...noFilters, search: state.filters.search, sort: state.filters.sort }, scrollTop: 0 })),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(filters: ListFilters): boolean {
  return (
    filters.status !== null ||
    filters.sex !== null ||
    filters.ageBand !== null ||
    filters.tag.trim() !== '' ||
    filters.registeredFrom !== '' ||
    filters.registeredTo !== '' ||
    filters.clinicId !== null
  );
}

/** The list procedure's input for these filters (blank means "any"). */
export function listQuery(filters: ListFilters): Omit<ListInput, 'offset' | 'limit'> {
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  return {
    search: filters.search.trim().slice(0, 200),
    status: filters.status,
    sex: filters.sex,
    ageBand: filters.ageBand,
    tag: filters.tag.trim() ? filters.tag.trim().slice(0, 40) : null,
    registeredFrom: date(filters.registeredFrom),
    registeredTo: date(filters.registeredTo),
    clinicId: filters.clinicId,
    sort: filters.sort,
  };
}
