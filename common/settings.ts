import { z } from 'zod';
import type { DeployError } from './deploy';

export const updatePolicies = ['auto', 'notify', 'off'] as const;
export type UpdatePolicy = (typeof updatePolicies)[number];
export const updateChannels = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof updateChannels)[number];

/** Installation-wide settings an admin changes in Settings (a deploy config may lock any of them). */
export const settingsInput = z.object({
  autoLockMinutes: z.number('errors.number').int('errors.number').min(1, 'errors.range').max(240, 'errors.range'),
  /** auto: download and install when Outpost quits; notify: ask first; off: never look (IT pushes updates). */
  updatePolicy: z.enum(updatePolicies, 'errors.choice'),
  updateChannel: z.enum(updateChannels, 'errors.choice'),
});
export type SettingsInput = z.input<typeof settingsInput>;
export type Settings = z.output<typeof settingsInput>;
export type SettingName = keyof Settings;
export const settingNames = settingsInput.keyof().options;

/** `settings.update` changes only the settings it is given. */
export const settingsUpdate = settingsInput.partial();
export type SettingsUpdate = z.input<typeof settingsUpdate>;

export const defaultSettings: Settings = { autoLockMinutes: 10, updatePolicy: 'notify', updateChannel: 'stable' };

export interface SettingsView {
  /** What is in force: the deploy config's value where it sets one, else the admin's, else the default. */
  values: Settings;
  /** Settings the deploy config fixes: shown, not editable. */
  locked: SettingName[];
  /** The deploy config in force (null: none on this machine). */
  deployFile: string | null;
  /** Shown to admins only (empty for others): what in the deploy config was ignored, and why. */
  deployErrors: DeployError[];
}
