import { z } from 'zod';

// Messages are i18n keys; the renderer translates them next to the field.
export const requiredText = (max: number) => z.string().trim().min(1, 'errors.required').max(max, 'errors.tooLong');

/** Optional text from a form: blank means absent (null). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .nullish()
    .transform((value) => (value ? value : null));

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date('errors.date');

export const optionalDate = z
  .union([isoDate, z.literal('')])
  .nullish()
  .transform((value) => (value ? value : null));
