import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { type Trigger, withoutTriggers } from '../../../db/triggers';
import { compareReachKeys, type ReachRow, reachRows } from './reach-rows';

/**
 * The report summaries (report_daily, report_served, report_reach: migrations 0008, 0010, 0019) are kept in step
 * row by row by triggers. For a bulk load (a device's first sync: a million sessions) those triggers cost far more
 * than the rows themselves, so a bulk writer runs without them and the summaries are rebuilt once, from the rows:
 * report_daily and report_served by grouped statements, report_reach from report_served in JavaScript. The
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
  // A count, not a flag: a rebuild clears only the mark it started from, never one a bulk write set while it ran.
  statement(
    sqlite,
    `insert into settings (key, value, updated_at) values (?, '1', datetime('now'))
     on conflict (key) do update set value = cast(value as integer) + 1, updated_at = excluded.updated_at`,
  ).run(STALE_KEY);
}

function staleMark(sqlite: Sqlite): unknown {
  return statement(sqlite, 'select value from settings where key = ?').pluck().get(STALE_KEY);
}

export function summariesStale(sqlite: Sqlite): boolean {
  return staleMark(sqlite) !== undefined;
}

/** Rebuilds the three summaries from sessions and attendees, step after step, and clears the stale mark. */
export function rebuildSummaries(sqlite: Sqlite): void {
  for (const _ of rebuildSteps(sqlite, Infinity));
}

/**
 * The same, letting other calls in between its steps, so the app answers while a first sync ends. Full demo store
 * (a million sessions): report_daily's step about 6 s, report_served's 14 s, the first of report_reach's 9 s (it
 * reads report_served), then steps of `stepMs` for a minute.
 */
export async function rebuildSummariesInSteps(
  sqlite: Sqlite,
  {
    stepMs = 300,
    pause = () => new Promise<void>((resolve) => setImmediate(resolve)),
  }: { stepMs?: number; pause?: () => Promise<void> } = {},
): Promise<void> {
  for (const _ of rebuildSteps(sqlite, stepMs)) {
    await pause();
    if (!sqlite.open) return;
  }
}

/**
 * report_daily, then report_served, each in one transaction, then report_reach from report_served a step at a time, in
 * key order. Between steps the triggers keep every summary in step with what the app writes: what is already rebuilt
 * stays right, and report_reach's rows not yet rebuilt are replaced when their step comes. A write that moves
 * report_served between two steps (seen by a temporary trigger) has the rest computed again from the rows as they are.
 * The stale mark stays until the last step, so a rebuild cut short is done again by the next bulk load's end.
 */
function* rebuildSteps(sqlite: Sqlite, stepMs: number): Generator<void> {
  const mark = staleMark(sqlite);
  // Each summary is replaced whole from the rows as they are, in a step of its own; the triggers keep it right after.
  sqlite.transaction(() => rebuildDaily(sqlite)).immediate();
  yield;
  sqlite.transaction(() => rebuildServed(sqlite)).immediate();
  yield;
  // Rows of an earlier load (a resync) go; rows the triggers write from here on are replaced as their step comes.
  sqlite.transaction(() => sqlite.exec('delete from report_reach')).immediate();
  yield;
  const insert = statement(
    sqlite,
    `insert or replace into report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, ${masks.join(', ')})
     values (${masks.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?)`,
  );
  let rows: Iterator<ReachRow> | null = null;
  let last: ReachRow | null = null;
  try {
    for (;;) {
      if (rows === null || servedChanged(sqlite)) rows = reachRowsAfter(sqlite, last);
      const done = sqlite
        .transaction(() => {
          // At least a row a step (a clock read is a fraction of an insert).
          const until = performance.now() + stepMs;
          for (;;) {
            const next = rows!.next();
            if (next.done) {
              statement(sqlite, 'delete from settings where key = ? and value is ?').run(STALE_KEY, mark);
              return true;
            }
            insert.run(next.value);
            last = next.value;
            if (performance.now() >= until) return false;
          }
        })
        .immediate();
      if (done) return;
      yield;
    }
  } finally {
    sqlite.exec(unwatchServed);
  }
}

/**
 * Completed sessions are read in table order (the order they arrived in, near their ids' order: UUIDv7 ids are made in
 * time order), so their attendees are looked up in the attendee index's order, each of its pages read (and decrypted)
 * once. Through sessions_report, by day, the lookups jumped across two million attendees: a minute for each table on
 * a million sessions. The daily counts are made per session in that same pass, before the grouping sorts by day.
 */
function rebuildDaily(sqlite: Sqlite): void {
  sqlite.exec(`
    delete from report_daily;
    insert into report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
    select day, clinic_id, type_id, staff_id, count(*), sum(attended), sum(marked)
    from (
      select substr(s.scheduled_at, 1, 10) as day, s.clinic_id, s.type_id, s.staff_id,
        coalesce(sum(a.attendance = 'attended'), 0) as attended, count(a.session_id) as marked
      from sessions s not indexed
      left join session_attendees a on a.session_id = s.id and a.attendance in ('attended', 'missed') and a.deleted_at is null
      where s.status = 'completed' and s.deleted_at is null
      group by s.rowid
    )
    group by 1, 2, 3, 4;`);
}

function rebuildServed(sqlite: Sqlite): void {
  // report_reach's triggers stay out of it: report_reach is rebuilt next, from these rows.
  withoutTriggers(sqlite, summaryTriggers(sqlite, ['report_served']), () =>
    sqlite.exec(`
      delete from report_served;
      insert into report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
      select substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, a.beneficiary_id, count(*)
      from sessions s not indexed
      cross join session_attendees a on a.session_id = s.id and a.attendance = 'attended' and a.deleted_at is null
      where s.status = 'completed' and s.deleted_at is null
      group by 1, 2, 3, 4, 5;`),
  );
}

/** reachRows from report_served as it is now, after the row `last` (the last one written), and a watch on report_served from here. */
function reachRowsAfter(sqlite: Sqlite, last: ReachRow | null): Iterator<ReachRow> {
  sqlite.exec(watchServed);
  const rows = reachRows(sqlite);
  if (last === null) return rows;
  return (function* () {
    for (const row of rows) if (compareReachKeys(row, last) > 0) yield row;
  })();
}

const watchServed = `
  create temp table if not exists report_served_watch (changed integer not null);
  delete from report_served_watch;
  insert into report_served_watch values (0);
  ${['insert', 'update', 'delete']
    .map(
      (event) => `create temp trigger if not exists report_served_watch_${event} after ${event} on main.report_served
        begin update report_served_watch set changed = 1; end;`,
    )
    .join('\n')}`;

const unwatchServed = `
  drop trigger if exists report_served_watch_insert;
  drop trigger if exists report_served_watch_update;
  drop trigger if exists report_served_watch_delete;
  drop table if exists report_served_watch;`;

function servedChanged(sqlite: Sqlite): boolean {
  return statement(sqlite, 'select changed from report_served_watch').pluck().get() === 1;
}
