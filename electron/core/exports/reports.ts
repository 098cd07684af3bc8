import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { listInput } from '../../../common/beneficiaries';
import {
  type PrintDocument,
  type PrintLocale,
  type PrintScope,
  type PrintTable,
  printRowLimit,
  type reportExportInput,
} from '../../../common/exports';
import type { sessionListInput } from '../../../common/sessions';
import { beneficiaryFilter } from '../beneficiaries/queries';
import * as beneficiaries from '../beneficiaries/service';
import type { Core } from '../core';
import { timeline } from '../sessions/queries';
import { sessionFilter } from '../sessions/views';
import { reportsIncomplete } from '../sync/status';
import { readSetting } from '../settings/store';

type BeneficiaryFilters = Omit<z.output<typeof listInput>, 'offset' | 'limit'>;
type SessionFilters = Omit<z.output<typeof sessionListInput>, 'offset' | 'limit'>;
export type ListReport =
  Exclude<z.output<typeof reportExportInput>, { page: 'monthly' }> | { page: 'case'; beneficiaryId: string; locale: PrintLocale };

const directionOf = (locale: PrintLocale) => (locale === 'ar' ? 'rtl' : 'ltr');

function clinicName(core: Core, id: string | null | undefined): string | null {
  if (!id) return null;
  return (core.store.sqlite.prepare('select name from clinics where id = ?').pluck().get(id) as string | undefined) ?? null;
}

function nameOf(core: Core, table: 'users' | 'session_types', id: string | null | undefined): string | null {
  if (!id) return null;
  return (core.store.sqlite.prepare(`select name from ${table} where id = ?`).pluck().get(id) as string | undefined) ?? null;
}

/** The frame every report shares: who made it, for which organisation and clinic, when. */
export function baseDocument(
  core: Core,
  user: SessionUser,
  page: PrintDocument['page'],
  locale: PrintLocale,
  clinicId: string | null | undefined,
  scope: PrintScope[],
): PrintDocument {
  // Someone who sees one clinic only reports on that clinic even without choosing it.
  const visible =
    user.role === 'admin'
      ? (core.store.sqlite.prepare('select id from clinics where deleted_at is null').pluck().all() as string[])
      : user.clinicIds;
  const clinic = clinicName(core, clinicId ?? (visible.length === 1 ? visible[0] : null));
  return {
    page,
    locale,
    direction: directionOf(locale),
    title: `exports.titles.${page}`,
    header: {
      organisation: readSetting<string>(core.store.db, 'organisation.name') ?? '',
      clinic,
      scope,
      generatedAt: core.now().toISOString(),
      generatedBy: user.name,
      incomplete: reportsIncomplete(core),
    },
    figures: [],
    details: [],
    charts: [],
    tables: [],
  };
}

function beneficiaryScope(filters: BeneficiaryFilters): PrintScope[] {
  const scope: PrintScope[] = [];
  if (filters.registeredFrom || filters.registeredTo)
    scope.push({ label: 'exports.scope.registered', period: [filters.registeredFrom ?? null, filters.registeredTo ?? null] });
  if (filters.search) scope.push({ label: 'exports.scope.search', value: filters.search });
  if (filters.status) scope.push({ label: 'exports.scope.status', value: filters.status, values: 'beneficiaries.status' });
  if (filters.sex) scope.push({ label: 'exports.scope.sex', value: filters.sex, values: 'beneficiaries.sex' });
  if (filters.ageBand) scope.push({ label: 'exports.scope.ageBand', value: filters.ageBand, values: 'beneficiaries.ageBands' });
  if (filters.tag) scope.push({ label: 'exports.scope.tag', value: filters.tag });
  return scope;
}

function sessionScopeLines(core: Core, filters: SessionFilters): PrintScope[] {
  const scope: PrintScope[] = [{ label: 'exports.scope.period', period: [filters.from ?? null, filters.to ?? null] }];
  const type = nameOf(core, 'session_types', filters.typeId);
  const staff = nameOf(core, 'users', filters.staffId);
  if (type) scope.push({ label: 'exports.scope.type', value: type });
  if (staff) scope.push({ label: 'exports.scope.staff', value: staff });
  if (filters.status) scope.push({ label: 'exports.scope.status', value: filters.status, values: 'sessions.status' });
  if (filters.attendance)
    scope.push({ label: 'exports.scope.attendance', value: filters.attendance, values: 'sessions.filters.attendanceOf' });
  if (filters.search) scope.push({ label: 'exports.scope.search', value: filters.search });
  return scope;
}

/** The beneficiary list with its filters, up to printRowLimit rows. */
function beneficiaryList(core: Core, user: SessionUser, filters: BeneficiaryFilters, locale: PrintLocale): PrintDocument {
  const doc = baseDocument(core, user, 'beneficiaries', locale, filters.clinicId, beneficiaryScope(filters));
  const { whereSql, params, orderSql } = beneficiaryFilter(user, filters, core.now());
  const sqlite = core.store.sqlite;
  const total = sqlite
    .prepare(`select count(*) from beneficiaries b where ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const rows = sqlite
    .prepare(
      `select b.code, trim(b.given_name || ' ' || b.family_name || coalesce(' ' || b.other_names, '')), b.sex, b.birth_date, b.phone, b.status, b.created_at
       from beneficiaries b where ${whereSql} order by ${orderSql} limit ?`,
    )
    .raw()
    .all(...params, printRowLimit) as (string | null)[][];
  const table: PrintTable = {
    caption: 'exports.tables.beneficiaries',
    columns: [
      { label: 'exports.columns.code' },
      { label: 'exports.columns.name' },
      { label: 'exports.columns.sex', values: 'beneficiaries.sex' },
      { label: 'exports.columns.birthDate', kind: 'date' },
      { label: 'exports.columns.phone' },
      { label: 'exports.columns.status', values: 'beneficiaries.status' },
      { label: 'exports.columns.createdAt', kind: 'date' },
    ],
    rows,
    total,
  };
  doc.figures.push({ label: 'exports.figures.people', value: total });
  doc.tables.push(table);
  return doc;
}

/** The session log for a period: each session, its people and attendance, with totals. */
function sessionLog(core: Core, user: SessionUser, filters: SessionFilters, locale: PrintLocale): PrintDocument {
  const doc = baseDocument(core, user, 'sessions', locale, filters.clinicId, sessionScopeLines(core, filters));
  const { whereSql, params } = sessionFilter(user, filters);
  const sqlite = core.store.sqlite;
  const counts = `(select count(*) from session_attendees a where a.session_id = s.id and a.deleted_at is null)`;
  const attended = `(select count(*) from session_attendees a where a.session_id = s.id and a.deleted_at is null and a.attendance = 'attended')`;
  const totals = sqlite
    .prepare(
      `select count(*) as sessions, coalesce(sum(${counts}), 0) as people, coalesce(sum(${attended}), 0) as attended,
         coalesce(sum(s.status = 'completed'), 0) as completed
       from sessions s where ${whereSql}`,
    )
    .get(...params) as { sessions: number; people: number; attended: number; completed: number };
  const rows = sqlite
    .prepare(
      `select s.scheduled_at, t.name, u.name, s.status, ${counts}, ${attended}
       from sessions s left join session_types t on t.id = s.type_id left join users u on u.id = s.staff_id
       where ${whereSql} order by s.scheduled_at, s.id limit ?`,
    )
    .raw()
    .all(...params, printRowLimit) as (string | number | null)[][];
  doc.figures.push(
    { label: 'exports.figures.sessions', value: totals.sessions },
    { label: 'exports.figures.completed', value: totals.completed },
    { label: 'exports.figures.attendances', value: totals.attended },
  );
  doc.tables.push({
    caption: 'exports.tables.sessions',
    columns: [
      { label: 'exports.columns.scheduledAt', kind: 'dateTime' },
      { label: 'exports.columns.type' },
      { label: 'exports.columns.staff' },
      { label: 'exports.columns.status', values: 'sessions.status' },
      { label: 'exports.columns.attendees', kind: 'number' },
      { label: 'exports.columns.attended', kind: 'number' },
    ],
    rows,
    total: totals.sessions,
    footer: ['exports.tables.total', null, null, null, totals.people, totals.attended],
  });
  return doc;
}

/** One person's record: details, then every session with attendance and outcome. */
function caseSummary(core: Core, user: SessionUser, beneficiaryId: string, locale: PrintLocale): PrintDocument {
  const person = beneficiaries.view(core, user, beneficiaryId);
  const name = [person.givenName, person.familyName, person.otherNames].filter(Boolean).join(' ');
  const doc = baseDocument(core, user, 'case', locale, person.clinicId, [
    { label: 'exports.scope.person', value: `${name} (${person.code})` },
  ]);
  doc.details.push(
    { label: 'exports.columns.name', value: name },
    { label: 'exports.columns.code', value: person.code },
    { label: 'exports.columns.sex', value: person.sex, values: 'beneficiaries.sex' },
    { label: 'exports.columns.birthDate', value: person.birthDate, kind: 'date' },
    { label: 'exports.columns.nationalId', value: person.nationalId },
    { label: 'exports.columns.phone', value: person.phone },
    { label: 'exports.columns.address', value: person.address },
    { label: 'exports.columns.status', value: person.status, values: 'beneficiaries.status' },
    { label: 'exports.columns.createdAt', value: person.createdAt, kind: 'date' },
  );
  const entries = timeline(core.store.sqlite, user, beneficiaryId);
  const attended = entries.filter((entry) => entry.attendance === 'attended').length;
  doc.figures.push({ label: 'exports.figures.sessions', value: entries.length }, { label: 'exports.figures.attendances', value: attended });
  doc.tables.push({
    caption: 'exports.tables.caseSessions',
    columns: [
      { label: 'exports.columns.scheduledAt', kind: 'dateTime' },
      { label: 'exports.columns.type' },
      { label: 'exports.columns.staff' },
      { label: 'exports.columns.attendance', values: 'sessions.attendance' },
      { label: 'exports.columns.outcome' },
    ],
    rows: entries
      .slice(0, printRowLimit)
      .map((entry) => [entry.scheduledAt, entry.typeName, entry.staffName, entry.attendance, entry.outcome]),
    total: entries.length,
  });
  return doc;
}

export function listReport(core: Core, user: SessionUser, input: ListReport): PrintDocument {
  const { locale } = input;
  if (input.page === 'beneficiaries') return beneficiaryList(core, user, input.filters, locale);
  if (input.page === 'sessions') return sessionLog(core, user, input.filters, locale);
  return caseSummary(core, user, input.beneficiaryId, locale);
}
