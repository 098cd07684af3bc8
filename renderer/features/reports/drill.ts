import { useNavigate } from 'react-router';
import type { AgeBand, Sex } from '../../../common/beneficiaries';
import type { ReportFilters } from '../../../common/reports';
import type { Attendance } from '../../../common/sessions';
import { noFilters, useListState } from '../beneficiaries/filters';
import { noSessionFilters, useSessionListState } from '../sessions/filters';

/** Where a number or a bar leads: the beneficiary or session list, narrowed to exactly what was counted. */
export type DrillTarget =
  | { list: 'beneficiaries'; status?: 'active'; sex?: Sex; ageBand?: AgeBand; registeredFrom?: string; registeredTo?: string }
  | { list: 'sessions'; from: string; to: string; typeId?: string; staffId?: string; attendance?: Attendance };

/** Opens the matching list with its filters replaced (not merged), so it shows what the dashboard counted. */
export function useDrill(filters: ReportFilters | undefined) {
  const navigate = useNavigate();
  return (target: DrillTarget) => {
    if (!filters) return;
    if (target.list === 'beneficiaries') {
      const { list: _list, ...patch } = target;
      useListState.setState({
        filters: { ...noFilters, sort: 'registered', clinicId: filters.clinicId, ...patch },
        scrollTop: 0,
      });
      void navigate('/beneficiaries');
    } else {
      const { list: _list, ...patch } = target;
      useSessionListState.setState({
        filters: {
          ...noSessionFilters,
          status: 'completed',
          clinicId: filters.clinicId,
          typeId: filters.typeId,
          staffId: filters.staffId,
          ...patch,
        },
        scrollTop: 0,
      });
      void navigate('/sessions');
    }
  };
}
