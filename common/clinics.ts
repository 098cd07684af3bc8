import { z } from 'zod';
import { requiredText } from './validation';

export const clinicCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,8}$/, 'clinics.errors.code');

export const clinicInput = z.object({
  name: requiredText(120),
  code: clinicCode,
});
export type ClinicInput = z.input<typeof clinicInput>;

export const clinicUpdate = clinicInput.extend({ id: z.uuid() });
export type ClinicUpdate = z.input<typeof clinicUpdate>;

export interface Clinic {
  id: string;
  name: string;
  code: string;
  updatedAt: string;
}
