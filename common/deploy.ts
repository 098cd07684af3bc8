import { z } from 'zod';
import { clinicCode } from './clinics';
import { type SettingName, settingNames, settingsInput, updateChannels, updatePolicies } from './settings';

const field = <T extends z.ZodType>(schema: T, expects: string) => ({ schema, expects });

/**
 * The machine-wide deploy config an IT installer writes once per machine
 * (see docs/installing.md). Every field is optional; a field that is wrong is
 * ignored on its own, so one typo never takes the rest of the policy down.
 */
export const deployFields = {
  /** The organisation's sync server. */
  serverUrl: field(z.url({ protocol: /^https?$/ }), 'an http:// or https:// URL'),
  /** The clinic this machine serves. */
  clinicCode: field(clinicCode, 'a clinic code: 2 to 8 letters or digits'),
  updatePolicy: field(settingsInput.shape.updatePolicy, `one of ${updatePolicies.join(', ')}`),
  updateChannel: field(settingsInput.shape.updateChannel, `one of ${updateChannels.join(', ')}`),
  autoLockMinutes: field(settingsInput.shape.autoLockMinutes, 'a whole number of minutes from 1 to 240'),
  /** Settings users cannot change, at their current value when this file gives none. Unknown names are reported and skipped. */
  lockedSettings: field(z.array(z.string()), 'a list of setting names'),
  /** Where crash reports go; absent means none are sent. */
  errorReportingDsn: field(z.url({ protocol: /^https$/ }), 'an https:// URL'),
};

type Fields = typeof deployFields;
export type DeployConfig = { [K in Exclude<keyof Fields, 'lockedSettings'>]?: z.output<Fields[K]['schema']> } & {
  lockedSettings?: SettingName[];
};

/** A problem with the machine's deploy config; `field` is null when the whole file is at fault. */
export interface DeployError {
  field: string | null;
  problem: 'unreadable' | 'tooLarge' | 'notJson' | 'notObject' | 'invalid' | 'unknownField';
  /** Plain-text detail for the administrator (never the offending value). */
  detail: string;
}

/** The deploy config as the core uses it: what was valid, what was not, and where it came from. */
export interface DeployState {
  file: string | null;
  config: DeployConfig;
  errors: DeployError[];
}

export const noDeployConfig: DeployState = { file: null, config: {}, errors: [] };

/** Settings the config sets a value for, or lists in lockedSettings. */
export function lockedSettings(config: DeployConfig): SettingName[] {
  const locked = new Set(config.lockedSettings);
  for (const name of settingNames) if (config[name] !== undefined) locked.add(name);
  return settingNames.filter((name) => locked.has(name));
}

const isSettingName = (name: string): name is SettingName => (settingNames as readonly string[]).includes(name);

/** Validates a deploy config's text field by field; never throws. */
export function parseDeployConfig(text: string, file: string): DeployState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const detail = 'The file is not valid JSON: look for a missing comma, quote or brace.';
    return { file, config: {}, errors: [{ field: null, problem: 'notJson', detail }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { file, config: {}, errors: [{ field: null, problem: 'notObject', detail: 'The file must hold one JSON object.' }] };
  }
  const config: Record<string, unknown> = {};
  const errors: DeployError[] = [];
  for (const [field, value] of Object.entries(parsed)) {
    // hasOwn: a key such as "toString" must not find Object.prototype's.
    const known = Object.hasOwn(deployFields, field)
      ? (deployFields[field as keyof Fields] as { schema: z.ZodType; expects: string })
      : null;
    if (!known) {
      errors.push({
        field,
        problem: 'unknownField',
        detail: `Not a deploy setting (a typo?); known: ${Object.keys(deployFields).join(', ')}.`,
      });
      continue;
    }
    const result = known.schema.safeParse(value);
    if (result.success) config[field] = result.data;
    else errors.push({ field, problem: 'invalid', detail: `Expected ${known.expects}; this field is ignored.` });
  }
  if (Array.isArray(config.lockedSettings)) {
    const names = config.lockedSettings as string[];
    names.forEach((name, index) => {
      if (!isSettingName(name))
        errors.push({ field: `lockedSettings[${index}]`, problem: 'invalid', detail: `Not a setting; known: ${settingNames.join(', ')}.` });
    });
    config.lockedSettings = names.filter(isSettingName);
  }
  return { file, config: config as DeployConfig, errors };
}
