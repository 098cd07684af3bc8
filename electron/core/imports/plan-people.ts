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

const textFields = ['givenName', 'familyName', 'otherNames', 'nationalId', 'phone', 'address', 'preferredLanguage', 'notes'] as const;
const dateFields = ['birthDate', 'consentDate'] as const;

/** A cell that cannot become its field. */
function refusal(ctx: PlanContext, row: RawRow, field: ImportField, message: string): CellProblem {
  const { table, mapping } = ctx;
  return { field, column: table.headers[mapping[field]!] ?? null, message, value: cellOf(table, mapping, row, field).slice(0, 200) };
}

/**
 * One row of the sheet as the registration form would receive it, or the cells that cannot become one.
 * No function is made per row (a preview judges 100,000 of them).
 */
function formOf(ctx: PlanContext, row: RawRow): { input: Record<string, unknown>; problems: CellProblem[] } {
  const { table, mapping } = ctx;
  const problems: CellProblem[] = [];
  const input: Record<string, unknown> = { clinicId: ctx.clinicId };
  for (const field of textFields) input[field] = cellOf(table, mapping, row, field);
  const sex = cellOf(table, mapping, row, 'sex');
  if (sex) {
    const parsed = parseSex(sex);
    if (parsed) input.sex = parsed;
    else problems.push(refusal(ctx, row, 'sex', 'imports.reasons.sex'));
  }
  const today = ctx.core.now();
  for (const field of dateFields) {
    const value = cellOf(table, mapping, row, field);
    if (!value) continue;
    const parsed = parseDate(value, ctx.order, today);
    if (parsed.ok) input[field] = parsed.value;
    else problems.push(refusal(ctx, row, field, parsed.message));
  }
  const age = cellOf(table, mapping, row, 'estimatedAge');
  if (age && !input.birthDate) {
    const parsed = parseAge(age);
    if (parsed === null) problems.push(refusal(ctx, row, 'estimatedAge', 'errors.number'));
    else input.estimatedAge = parsed;
  }
  const consent = cellOf(table, mapping, row, 'consent');
  if (consent) {
    const parsed = parseYesNo(consent);
    if (parsed === null) problems.push(refusal(ctx, row, 'consent', 'imports.reasons.yesNo'));
    else input.consent = parsed;
  }
  const tags = cellOf(table, mapping, row, 'tags');
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

/** A row's duplicate keys, as the later rows of the file look them up. */
interface RowKeys {
  row: number;
  nationalId: string | null;
  /** `nameKey|birthYear`, when the row has a birth date. */
  person: string | null;
  phone: string | null;
}

/** Keeps the row's keys for the later rows of the file: the first row with each key is the one they are duplicates of. */
function remember(seen: Seen, keys: RowKeys): void {
  if (keys.nationalId && !seen.nationalIds.has(keys.nationalId)) seen.nationalIds.set(keys.nationalId, keys.row);
  if (keys.person && !seen.people.has(keys.person)) seen.people.set(keys.person, keys.row);
  if (keys.phone && !seen.phones.has(keys.phone)) seen.phones.set(keys.phone, keys.row);
}

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
  const keys: RowKeys = { row: rowNumber, nationalId: columns.nationalId, person: columns.birthDate ? fileKey : null, phone };
  if (columns.nationalId) {
    const holderRowid = seen.registry.nationalIds.get(columns.nationalId);
    if (holderRowid !== undefined) {
      const holder = registryRecord(ctx.core.store.sqlite, ctx.user, holderRowid);
      remember(seen, keys);
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
    remember(seen, keys);
    const first = registryRecord(ctx.core.store.sqlite, ctx.user, match);
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
  remember(seen, keys);
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
