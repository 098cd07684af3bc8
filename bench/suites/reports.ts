import fs from 'node:fs';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { SessionUser } from '../../common/account';
import { addDays, dashboardInput, type ReportFilters, resolveFilters } from '../../common/reports';
import type { Sqlite } from '../../db/open';
import { FileSecretStore, openCore } from '../../electron/core';
import * as queries from '../../electron/core/reports/queries';
import { dashboard } from '../../electron/core/reports/service';
import { ensureAdmin } from '../demo-data';
import { seededDataDir } from '../seeded-store';
import { type BenchResult, percentiles, timeEach } from '../measure';
import type { Scale } from '../run';

const SUITE = 'reports';
const RUNS = 20;

type Query = (sqlite: Sqlite, user: SessionUser, filters: ReportFilters) => unknown;
const dashboardQueries: Record<string, Query> = {
  beneficiary_headline: queries.beneficiaryHeadline,
  sessions_held: queries.sessionsHeld,
  attendance: queries.attendance,
  beneficiaries_served: queries.beneficiariesServed,
  overdue_follow_ups: queries.overdueFollowUps,
  sessions_by_week: queries.sessionsByWeek,
  attendance_by_week: queries.attendanceByWeek,
  registrations_by_month: queries.registrationsByMonth,
  demographics: queries.demographics,
  sessions_by_staff: queries.sessionsByStaff,
};

/**
 * The SQL a query runs and its arguments, caught by a connection that records
 * what is prepared and run: the limit replays exactly that on raw better-sqlite3.
 */
function recordSql(sqlite: Sqlite, run: (recording: Sqlite) => void): { statement: Statement; args: unknown[]; all: boolean }[] {
  const calls: { statement: Statement; args: unknown[]; all: boolean }[] = [];
  const recording = new Proxy(sqlite, {
    get(target, key) {
      if (key !== 'prepare') return Reflect.get(target, key) as unknown;
      return (sql: string) => {
        const statement = target.prepare(sql);
        return new Proxy(statement, {
          get(st, method) {
            if (method === 'get' || method === 'all')
              return (...args: unknown[]) => {
                calls.push({ statement: target.prepare(sql), args, all: method === 'all' });
                return (st[method] as (...a: unknown[]) => unknown)(...args);
              };
            const value = Reflect.get(st, method) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(st) : value;
          },
        });
      };
    },
  });
  run(recording);
  return calls;
}

export async function run(scale: Scale): Promise<BenchResult[]> {
  const dataDir = await seededDataDir(scale);
  const core = await openCore({
    dataDir,
    secrets: new FileSecretStore(dataDir),
    migrationsFolder: path.resolve(import.meta.dirname, '../../db/migrations'),
  });
  try {
    const admin = await ensureAdmin(core);
    const { sqlite } = core.store;
    sqlite.pragma('optimize');
    // A manager of the demo clinic sees what the admin sees, through the clinic scope.
    const manager: SessionUser = { ...admin, id: admin.id, role: 'manager' };
    const today = core.now().toISOString().slice(0, 10);
    const periods = {
      month: dashboardInput.parse({ period: 'lastMonth', today, clinicId: admin.clinicIds[0] }),
      year: dashboardInput.parse({
        period: 'custom',
        from: addDays(today, -365),
        to: addDays(today, -1),
        today,
        clinicId: admin.clinicIds[0],
      }),
    };
    const results: BenchResult[] = [];
    const runs = Array.from({ length: RUNS }, (_, i) => i);
    for (const [span, input] of Object.entries(periods)) {
      const filters = resolveFilters(input);
      for (const [name, query] of Object.entries(dashboardQueries)) {
        const calls = recordSql(sqlite, (recording) => query(recording, manager, filters));
        const raw = () => {
          for (const call of calls) {
            if (call.all) call.statement.all(...call.args);
            else call.statement.get(...call.args);
          }
        };
        raw(); // warm the page cache for both sides alike
        results.push(
          ...percentiles(
            SUITE,
            `${name}_${span}`,
            timeEach(runs, () => query(sqlite, manager, filters)),
            timeEach(runs, raw),
          ),
        );
      }
      // The whole dashboard in one call, as the page asks for it; no raw equivalent beyond the sum above.
      const whole = timeEach(runs, () => dashboard(sqlite, manager, input));
      results.push(...percentiles(SUITE, `dashboard_${span}`, whole, whole).map((r) => ({ ...r, limit: null })));
    }
    return results;
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
