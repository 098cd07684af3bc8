import { z } from 'zod';
import type { PushEntity } from '../common/sync';

/**
 * What a device may set on each pushed entity: the local store's camelCase
 * columns (db/schema), minus `id` and `serverVersion`, which the server owns.
 * Every key is optional because a mutation carries only the fields it changed.
 */
const text = (max = 10_000) => z.string().max(max);
const optionalText = (max?: number) => text(max).nullable().optional();
const time = z.string().max(40);

const bookkeeping = {
  createdAt: time.optional(),
  updatedAt: time.optional(),
  createdBy: optionalText(64),
  updatedBy: optionalText(64),
  deletedAt: time.nullable().optional(),
};

export const entityFields = {
  beneficiaries: z.strictObject({
    ...bookkeeping,
    clinicId: text(64).optional(),
    code: text(64).optional(),
    givenName: text(200).optional(),
    familyName: text(200).optional(),
    otherNames: optionalText(200),
    sex: z.enum(['female', 'male', 'other', 'unknown']).nullable().optional(),
    birthDate: optionalText(40),
    birthDateEstimated: z.boolean().optional(),
    nationalId: optionalText(100),
    phone: optionalText(100),
    address: optionalText(1000),
    preferredLanguage: optionalText(40),
    consent: z.boolean().optional(),
    consentDate: optionalText(40),
    status: z.enum(['active', 'inactive', 'archived']).optional(),
    tags: z.array(text(100)).max(100).optional(),
    notes: optionalText(),
    mergedInto: optionalText(64),
  }),
  sessions: z.strictObject({
    ...bookkeeping,
    clinicId: text(64).optional(),
    typeId: text(64).optional(),
    staffId: text(64).optional(),
    location: optionalText(200),
    scheduledAt: time.optional(),
    durationMinutes: z.number().int().min(0).max(100_000).optional(),
    status: z.enum(['scheduled', 'completed', 'cancelled']).optional(),
    notes: optionalText(),
    followUpDate: optionalText(40),
    followUpDoneAt: optionalText(40),
  }),
  session_attendees: z.strictObject({
    ...bookkeeping,
    sessionId: text(64).optional(),
    beneficiaryId: text(64).optional(),
    attendance: z.enum(['expected', 'attended', 'missed', 'excused']).optional(),
    outcome: optionalText(),
  }),
  conflicts: z.strictObject({
    ...bookkeeping,
    entity: z.enum(['beneficiaries', 'sessions', 'session_attendees']).optional(),
    rowId: text(64).optional(),
    field: text(64).optional(),
    keptValue: z.unknown().optional(),
    lostValue: z.unknown().optional(),
    keptBy: optionalText(64),
    lostBy: optionalText(64),
    keptHlc: text(100).optional(),
    lostHlc: text(100).optional(),
    resolvedAt: optionalText(40),
    resolvedBy: optionalText(64),
  }),
} satisfies Record<PushEntity, z.ZodType>;

/** Who may push each entity (the matrix of common/permissions.ts, by role). */
export const pushRoles: Record<PushEntity, readonly string[]> = {
  beneficiaries: ['admin', 'manager', 'staff'],
  sessions: ['admin', 'manager', 'staff'],
  session_attendees: ['admin', 'manager', 'staff'],
  // Reviewing conflicts and restoring a lost value is a manager's task (SYNC.md guarantee 4).
  conflicts: ['admin', 'manager'],
};

/** Fields every edit touches: merged by HLC like the rest, but never reported as conflicts. */
export const bookkeepingFields = new Set(['createdAt', 'updatedAt', 'createdBy', 'updatedBy']);
