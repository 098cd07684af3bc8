import { create } from 'zustand';
import type { DashboardInput, PeriodPreset } from '../../../common/reports';

export interface DashboardFilters {
  period: PeriodPreset;
  /** Custom period, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  clinicId: string | null;
  typeId: string | null;
  staffId: string | null;
}

export const defaultFilters: DashboardFilters = { period: 'thisMonth', from: '', to: '', clinicId: null, typeId: null, staffId: null };

interface State {
  filters: DashboardFilters;
  set(patch: Partial<DashboardFilters>): void;
}

/** The dashboard's filters, kept while this window is open so coming back from a drill-down finds them. */
export const useDashboardFilters = create<State>()((set) => ({
  filters: defaultFilters,
  set: (patch) => set((state) => ({ filters: { ...state.filters, ...patch } })),
}));

/** The user's own calendar day, YYYY-MM-DD: presets follow their clock, not UTC. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The procedure's input, or null while a custom period is incomplete or backwards. */
export function dashboardQuery(filters: DashboardFilters, today: string): DashboardInput | null {
  const custom = filters.period === 'custom';
  if (custom && (!isDate(filters.from) || !isDate(filters.to) || filters.from > filters.to)) return null;
  return {
    period: filters.period,
    from: custom ? filters.from : null,
    to: custom ? filters.to : null,
    today,
    clinicId: filters.clinicId,
    typeId: filters.typeId,
    staffId: filters.staffId,
  };
}
