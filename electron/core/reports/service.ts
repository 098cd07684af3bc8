import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import { type Dashboard, type dashboardInput, resolveFilters } from '../../../common/reports';
import type { Sqlite } from '../../../db/open';
import * as q from './queries';

/** Everything the dashboard shows, for one set of filters. */
export function dashboard(sqlite: Sqlite, user: SessionUser, input: z.output<typeof dashboardInput>): Dashboard {
  const filters = resolveFilters(input);
  return {
    filters,
    headline: q.headline(sqlite, user, filters),
    types: q.reportTypes(sqlite),
    sessionsByWeek: q.sessionsByWeek(sqlite, user, filters),
    attendanceByWeek: q.attendanceByWeek(sqlite, user, filters),
    registrationsByMonth: q.registrationsByMonth(sqlite, user, filters),
    demographics: q.demographics(sqlite, user, filters),
    sessionsByStaff: q.sessionsByStaff(sqlite, user, filters),
  };
}
