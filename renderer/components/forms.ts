import type { LooseKeys, UseFormReturnType } from '@mantine/form';
import type { AppErrorShape } from '../../common/errors';
import { translateMessage } from '../i18n';

/**
 * `form.getInputProps` with its error translated: schema and core messages
 * are i18n keys, shown in the user's language next to the field.
 */
export function fieldProps<Values>(form: UseFormReturnType<Values>, path: LooseKeys<Values>, options?: { type?: 'input' | 'checkbox' }) {
  const props = form.getInputProps(path, options);
  return { ...props, error: typeof props.error === 'string' ? translateMessage(props.error) : props.error };
}

/**
 * Puts a core error's field messages next to their fields. Returns what is
 * left for the form as a whole (a message with no field on this form), or null.
 */
export function applyCoreError<Values>(
  form: UseFormReturnType<Values>,
  error: AppErrorShape,
  fields: readonly string[],
): AppErrorShape | null {
  const entries = Object.entries(error.fieldErrors ?? {}).filter(([field, messages]) => fields.includes(field) && messages.length > 0);
  if (entries.length > 0) form.setErrors(Object.fromEntries(entries.map(([field, messages]) => [field, messages[0]])));
  const unplaced = Object.entries(error.fieldErrors ?? {}).find(([field, messages]) => !fields.includes(field) && messages.length > 0);
  if (unplaced) return { code: error.code, message: unplaced[1][0]! };
  return entries.length === 0 ? error : null;
}
