import type { SessionUser } from '../../../common/account';
import { type BeneficiaryFields, registerInput } from '../../../common/beneficiaries';
import type { CellProblem, DuplicateMatch, ImportField, Mapping } from '../../../common/imports';
import { nameKey, phoneKey } from '../beneficiaries/fold';
import { columnsOf } from '../beneficiaries/service';
import type { Core } from '../core';
import { type RegistryKeys, registryKeys, registryRecord } from './registry-keys';
import type { RawRow, Table } from './table';
import { parseAge, parseDate, parseSex, parseYesNo } from './transform';

export interface PlannedRow {
  row: number;
  status: 'valid' | 'invalid' | 'duplicate';
  label: string;
  problems: CellProblem[];
  duplicate: DuplicateMatch | null;
  /** What would be written: the schema's output. */
  payload: Record<string, unknown> | null;
}

export interface PlanContext {
  core: Core;
  user: SessionUser;
  table: Table;
  mapping: Mapping;
  order: 'dmy' | 'mdy' | null;
  clinicId: string;
}

export function cellOf(table: Table, mapping: Mapping, row: RawRow, field: ImportField): string {
  const column = mapping[field];
  return column === undefined ? '' : (row.cells[column] ?? '').trim();
}

/** Turns zod's issues into cell problems, naming the column each field came from. */
export function problemsOf(issues: { path: PropertyKey[]; message: string }[], table: Table, mapping: Mapping, row: RawRow): CellProblem[] {
  return issues.map((issue) => {
    const field = String(issue.path[0] ?? 'row') as ImportField;
    const column = mapping[field];
    return {
      field,
      column: column === undefined ? null : (table.headers[column] ?? null),
      message: issue.message,
      value: column === undefined ? null : (row.cells[column] ?? '').slice(0, 200),
    };
  });
}

/** One row of the sheet as the registration form would receive it, or the cells that cannot become one. */
function formOf(ctx: PlanContext, row: RawRow): { input: Record<string, unknown>; problems: CellProblem[] } {
  const { table, mapping } = ctx;
  const problems: CellProblem[] = [];
  const cell = (field: ImportField) => cellOf(table, mapping, row, field);
  const refuse = (field: ImportField, message: string) =>
    problems.push({ field, column: table.headers[mapping[field]!] ?? null, message, value: cell(field).slice(0, 200) });
  const input: Record<string, unknown> = { clinicId: ctx.clinicId };
  for (const field of ['givenName', 'familyName', 'otherNames', 'nationalId', 'phone', 'address', 'preferredLanguage', 'notes'] as const)
    input[field] = cell(field);
  const sex = cell('sex');
  if (sex) {
    const parsed = parseSex(sex);
    if (parsed) input.sex = parsed;
    else refuse('sex', 'imports.reasons.sex');
  }
  const today = ctx.core.now();
  for (const field of ['birthDate', 'consentDate'] as const) {
    const value = cell(field);
    if (!value) continue;
    const parsed = parseDate(value, ctx.order, today);
    if (parsed.ok) input[field] = parsed.value;
    else refuse(field, parsed.message);
  }
  const age = cell('estimatedAge');
  if (age && !input.birthDate) {
    const parsed = parseAge(age);
    if (parsed === null) refuse('estimatedAge', 'errors.number');
    else input.estimatedAge = parsed;
  }
  const consent = cell('consent');
  if (consent) {
    const parsed = parseYesNo(consent);
    if (parsed === null) refuse('consent', 'imports.reasons.yesNo');
    else input.consent = parsed;
  }
  const tags = cell('tags');
  if (tags)
    input.tags = tags
      .split(/[,;|]/)
      .map((tag) => tag.trim())
      .filter(Boolean);
  return { input, problems };
}

/** What rows are compared with: the registry's keys, and the earlier rows of the file (first row number per key). */
interface Seen {
  registry: RegistryKeys;
  nationalIds: Map<string, number>;
  people: Map<string, number>;
  phones: Map<string, number>;
}

export function peopleLookups(ctx: PlanContext): Seen {
  return { registry: registryKeys(ctx.core.store.sqlite, ctx.user), nationalIds: new Map(), people: new Map(), phones: new Map() };
}

export function planPerson(ctx: PlanContext, row: RawRow, seen: Seen): PlannedRow {
  const { input, problems } = formOf(ctx, row);
  const label = `${cellOf(ctx.table, ctx.mapping, row, 'givenName')} ${cellOf(ctx.table, ctx.mapping, row, 'familyName')}`.trim();
  const parsed = registerInput.safeParse(input);
  if (!parsed.success) {
    const failed = new Set(problems.map((p) => p.field));
    problems.push(...problemsOf(parsed.error.issues, ctx.table, ctx.mapping, row).filter((p) => !failed.has(p.field)));
  }
  if (problems.length > 0 || !parsed.success)
    return { row: row.number, status: 'invalid', label, problems, duplicate: null, payload: null };
  const { duplicateReason: _r, ...fields } = parsed.data;
  const payload = fields as BeneficiaryFields;
  const duplicate = findDuplicate(ctx, row.number, payload, seen);
  if (duplicate && duplicate.allowed.length === 0) {
    return {
      row: row.number,
      status: 'invalid',
      label,
      problems: [
        {
          field: 'nationalId',
          column: columnName(ctx, 'nationalId'),
          message: 'beneficiaries.errors.nationalIdTaken',
          value: payload.nationalId,
        },
      ],
      duplicate: null,
      payload: null,
    };
  }
  return {
    row: row.number,
    status: duplicate ? 'duplicate' : 'valid',
    label,
    problems: [],
    duplicate,
    payload: payload as Record<string, unknown>,
  };
}

const columnName = (ctx: PlanContext, field: ImportField) =>
  ctx.mapping[field] === undefined ? null : (ctx.table.headers[ctx.mapping[field]] ?? null);

/**
 * The registry's duplicate rules, against the registry and then against the
 * earlier rows of the file: the same national ID, or a similar name with the
 * same birth year, or the same phone number.
 */
function findDuplicate(ctx: PlanContext, rowNumber: number, fields: BeneficiaryFields, seen: Seen): DuplicateMatch | null {
  const columns = columnsOf(fields, ctx.core.now());
  const key = nameKey(columns.givenName, columns.familyName);
  const year = columns.birthDate?.slice(0, 4) ?? null;
  const fileKey = `${key}|${year ?? ''}`;
  const phone = phoneKey(columns.phone);
  const record = (rowid: number) => registryRecord(ctx.core.store.sqlite, ctx.user, rowid);
  const remember = () => {
    if (columns.nationalId && !seen.nationalIds.has(columns.nationalId)) seen.nationalIds.set(columns.nationalId, rowNumber);
    if (columns.birthDate && !seen.people.has(fileKey)) seen.people.set(fileKey, rowNumber);
    if (phone && !seen.phones.has(phone)) seen.phones.set(phone, rowNumber);
  };
  if (columns.nationalId) {
    const holderRowid = seen.registry.nationalIds.get(columns.nationalId);
    if (holderRowid !== undefined) {
      const holder = record(holderRowid);
      remember();
      // Someone this user may not see: nothing may be said about them, and the ID cannot be used again.
      if (!holder.visible)
        return {
          of: 'existing',
          reasons: ['nationalId'],
          existingId: null,
          existingCode: null,
          existingName: null,
          row: null,
          allowed: [],
        };
      return {
        of: 'existing',
        reasons: ['nationalId'],
        existingId: holder.id,
        existingCode: holder.code,
        existingName: `${holder.givenName} ${holder.familyName}`,
        row: null,
        allowed: ['skip', 'update'],
      };
    }
    const earlier = seen.nationalIds.get(columns.nationalId);
    if (earlier !== undefined)
      return {
        of: 'file',
        reasons: ['nationalId'],
        existingId: null,
        existingCode: null,
        existingName: null,
        row: earlier,
        allowed: ['skip'],
      };
  }
  const match =
    (year !== null ? seen.registry.people.get(`${key}|${year}`) : undefined) ?? (phone ? seen.registry.phones.get(phone) : undefined);
  if (match !== undefined) {
    remember();
    const first = record(match);
    const reasons: DuplicateMatch['reasons'] = [];
    if (first.nameKey === key && first.birthYear === year) reasons.push('name+birth');
    if (phone !== null && first.phoneKey === phone) reasons.push('phone');
    return {
      of: 'existing',
      reasons,
      existingId: first.id,
      existingCode: first.code,
      existingName: `${first.givenName} ${first.familyName}`,
      row: null,
      allowed: ['skip', 'update', 'import'],
    };
  }
  const earlierPerson = columns.birthDate ? seen.people.get(fileKey) : undefined;
  const earlierPhone = phone ? seen.phones.get(phone) : undefined;
  remember();
  if (earlierPerson !== undefined || earlierPhone !== undefined) {
    const reasons: DuplicateMatch['reasons'] = [];
    if (earlierPerson !== undefined) reasons.push('name+birth');
    if (earlierPhone !== undefined) reasons.push('phone');
    return {
      of: 'file',
      reasons,
      existingId: null,
      existingCode: null,
      existingName: null,
      row: earlierPerson ?? earlierPhone!,
      allowed: ['skip', 'import'],
    };
  }
  return null;
}
