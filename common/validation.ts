import { z } from 'zod';

// Messages are i18n keys; the renderer translates them next to the field.
export const requiredText = (max: number) =>
  z.string().trim().min(1, 'errors.required').max(max, 'errors.tooLong');
