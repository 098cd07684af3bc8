import { z } from 'zod';

/** Installation-wide settings an admin changes in Settings (a deploy config may lock any of them). */
export const settingsInput = z.object({
  autoLockMinutes: z.number('errors.number').int('errors.number').min(1, 'errors.range').max(240, 'errors.range'),
});
export type SettingsInput = z.input<typeof settingsInput>;
export type Settings = z.output<typeof settingsInput>;

export interface SettingsView {
  values: Settings;
  /** Settings the deploy config fixes: shown, not editable. */
  locked: (keyof Settings)[];
}
