import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import { type ExportList, exportColumns, type tableExportInput } from '../../../common/exports';
import type { Sqlite } from '../../../db/open';
import { beneficiaryFilter } from '../beneficiaries/queries';
import { sessionFilter } from '../sessions/views';
import type { Cell } from './cells';

type TableExport = z.output<typeof tableExportInput>;

// Each column as SQL. Dates stay the ISO strings they are stored as.
const columnSql: { [L in ExportList]: Record<(typeof exportColumns)[L][number], string> } = {
  beneficiaries: {
    code: 'b.code',
    givenName: 'b.given_name',
    familyName: 'b.family_name',
    otherNames: 'b.other_names',
    sex: 'b.sex',
    birthDate: 'b.birth_date',
    birthDateEstimated: 'b.birth_date_estimated',
    nationalId: 'b.national_id',
    phone: 'b.phone',
    status: 'b.status',
    clinic: 'c.name',
    createdAt: 'b.created_at',
  },
  sessions: {
    scheduledAt: 's.scheduled_at',
    type: 't.name',
    staff: 'u.name',
    clinic: 'c.name',
    location: 's.location',
    durationMinutes: 's.duration_minutes',
    status: 's.status',
    attendees: '(select count(*) from session_attendees a where a.session_id = s.id and a.deleted_at is null)',
    attended: "(select count(*) from session_attendees a where a.session_id = s.id and a.deleted_at is null and a.attendance = 'attended')",
    followUpDate: 's.follow_up_date',
  },
  attendance: {
    scheduledAt: 's.scheduled_at',
    type: 't.name',
    staff: 'u.name',
    clinic: 'c.name',
    sessionStatus: 's.status',
    beneficiaryCode: 'b.code',
    beneficiaryName: "b.given_name || ' ' || b.family_name",
    attendance: 'a.attendance',
    outcome: 'a.outcome',
  },
};

// Columns SQLite keeps as 0/1 that mean yes or no.
const booleanColumns = new Set(['birthDateEstimated']);

export interface TableQuery {
  columns: string[];
  countSql: string;
  rowsSql: string;
  params: unknown[];
}

/** The export's rows as SQL: the list's own filters and clinic scope, every matching row, the chosen columns in order. */
export function tableQuery(user: SessionUser, input: TableExport, today: Date): TableQuery {
  const columns: string[] = input.columns;
  const pick = (sql: Record<string, string>) => columns.map((column) => sql[column]).join(', ');
  if (input.list === 'beneficiaries') {
    const { whereSql, params, orderSql } = beneficiaryFilter(user, input.filters, today);
    return {
      columns,
      countSql: `select count(*) from beneficiaries b where ${whereSql}`,
      rowsSql: `select ${pick(columnSql.beneficiaries)} from beneficiaries b left join clinics c on c.id = b.clinic_id
        where ${whereSql} order by ${orderSql}`,
      params,
    };
  }
  const { whereSql, params } = sessionFilter(user, input.filters);
  // Left joins: a session whose type has not arrived still counts and prints, untyped.
  const joins =
    'left join session_types t on t.id = s.type_id left join users u on u.id = s.staff_id left join clinics c on c.id = s.clinic_id';
  if (input.list === 'sessions') {
    return {
      columns,
      countSql: `select count(*) from sessions s where ${whereSql}`,
      rowsSql: `select ${pick(columnSql.sessions)} from sessions s ${joins} where ${whereSql} order by s.scheduled_at desc, s.id`,
      params,
    };
  }
  // One row per person per session; an attendance filter picks those rows, not only the sessions holding one.
  const attendee = `a.deleted_at is null and b.deleted_at is null${input.filters.attendance ? ' and a.attendance = ?' : ''}`;
  const attendeeParams = input.filters.attendance ? [input.filters.attendance] : [];
  const from = `from session_attendees a join sessions s on s.id = a.session_id join beneficiaries b on b.id = a.beneficiary_id ${joins}
    where ${whereSql} and ${attendee}`;
  return {
    columns,
    countSql: `select count(*) ${from}`,
    rowsSql: `select ${pick(columnSql.attendance)} ${from} order by s.scheduled_at desc, s.id, b.family_name, b.given_name, a.id`,
    params: [...params, ...attendeeParams],
  };
}

/** Counts, then yields rows as arrays from a statement's iterator: one row in memory at a time. */
export function countRows(sqlite: Sqlite, query: TableQuery): number {
  return sqlite
    .prepare(query.countSql)
    .pluck()
    .get(...query.params) as number;
}

export function* iterateRows(sqlite: Sqlite, query: TableQuery): Generator<Cell[]> {
  const booleans = query.columns.map((column) => booleanColumns.has(column));
  const rows = sqlite
    .prepare(query.rowsSql)
    .raw()
    .iterate(...query.params) as IterableIterator<Cell[]>;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) if (booleans[i] && row[i] !== null) row[i] = row[i] === 1;
    yield row;
  }
}
