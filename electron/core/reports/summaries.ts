import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { type Trigger, withoutTriggers } from '../../../db/triggers';

/**
 * The report summaries (report_daily, report_served, report_reach: migrations 0008, 0010, 0019) are kept in step
 * row by row by triggers. For a bulk load (a device's first sync: a million sessions) those triggers cost far more
 * than the rows themselves, so a bulk writer runs without them and the summaries are rebuilt once, from the rows,
 * by grouped statements (migrations 0008's and 0010's, and report_reach's from report_served). The
 * `reportSummariesStale` setting marks the gap, so a load cut short (the app killed between two pages) is still
 * rebuilt by the next bulk load's end.
 */

const STALE_KEY = 'reportSummariesStale';
// report_reach's day bits: the months of a row's year, then of the next (migration 0019).
const masks = Array.from({ length: 24 }, (_, i) => `m${i + 1}`);

/**
 * The summary triggers on these tables as the migrations left them (read from the schema, so the latest
 * migration's version is kept).
 */
function summaryTriggers(sqlite: Sqlite, tables: string[]): Trigger[] {
  return statement(
    sqlite,
    `select name, sql from sqlite_master where type = 'trigger' and name like 'report\\_%' escape '\\'
       and tbl_name in (select value from json_each(?)) order by name`,
  ).all(JSON.stringify(tables)) as Trigger[];
}

/**
 * Runs `write` with the summary triggers dropped, and marks the summaries stale. Call inside the caller's
 * transaction: the triggers are created again before it commits, so no committed state is ever without them.
 */
export function withoutSummaryTriggers<T>(sqlite: Sqlite, write: () => T): T {
  // Those on report_served (report_reach's) stay: with these gone, nothing writes report_served.
  return withoutTriggers(sqlite, summaryTriggers(sqlite, ['sessions', 'session_attendees']), () => {
    try {
      return write();
    } finally {
      markStale(sqlite);
    }
  });
}

function markStale(sqlite: Sqlite): void {
  statement(
    sqlite,
    `insert into settings (key, value, updated_at) values (?, 'true', datetime('now'))
     on conflict (key) do nothing`,
  ).run(STALE_KEY);
}

export function summariesStale(sqlite: Sqlite): boolean {
  return statement(sqlite, 'select 1 from settings where key = ?').pluck().get(STALE_KEY) !== undefined;
}

/** Rebuilds the three summaries from sessions and attendees, in one transaction, and clears the stale mark. */
export function rebuildSummaries(sqlite: Sqlite): void {
  sqlite
    .transaction(() => {
      withoutTriggers(sqlite, summaryTriggers(sqlite, ['sessions', 'session_attendees', 'report_served']), () =>
        sqlite.exec(`
        delete from report_reach;
        delete from report_served;
        delete from report_daily;
        insert into report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
        select substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, count(*), coalesce(sum(x.attended), 0), coalesce(sum(x.marked), 0)
        from sessions s
        left join (select session_id, sum(attendance = 'attended') as attended, sum(attendance in ('attended', 'missed')) as marked
                   from session_attendees where deleted_at is null group by session_id) x on x.session_id = s.id
        where s.status = 'completed' and s.deleted_at is null
        group by 1, 2, 3, 4;
        insert into report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
        select substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, a.beneficiary_id, count(*)
        from sessions s join session_attendees a on a.session_id = s.id and a.deleted_at is null and a.attendance = 'attended'
        where s.status = 'completed' and s.deleted_at is null
        group by 1, 2, 3, 4, 5;
        insert into report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, ${masks.join(', ')})
        select clinic_id, type_id, staff_id, year - back, beneficiary_id, sum(1 << (month + 12 * back - 1)),
          ${masks.map((_, i) => `coalesce(sum(case when month + 12 * back = ${i + 1} then days end), 0)`).join(', ')}
        from (
          select clinic_id, type_id, staff_id, cast(substr(day, 1, 4) as integer) as year, cast(substr(day, 6, 2) as integer) as month, beneficiary_id,
            sum(distinct 1 << (cast(substr(day, 9, 2) as integer) - 1)) as days
          from (
            select day, clinic_id, type_id, staff_id, beneficiary_id from report_served where n > 0
            union all select day, clinic_id, type_id, '', beneficiary_id from report_served where n > 0
            union all select day, clinic_id, '', staff_id, beneficiary_id from report_served where n > 0
            union all select day, clinic_id, '', '', beneficiary_id from report_served where n > 0
          )
          group by 1, 2, 3, 4, 5, 6
        ), (select 0 as back union all select 1 as back)
        group by 1, 2, 3, 4, 5;`),
      );
      statement(sqlite, 'delete from settings where key = ?').run(STALE_KEY);
    })
    .immediate();
}
