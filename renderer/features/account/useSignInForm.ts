import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { type SignInInput, signInInput } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import { appErrorOf } from '../../api/errors';
import { applyCoreError } from '../../components/forms';

/** An email and password form that hands both to `action`; a refusal clears the password and is shown on the fields or above them. */
export function useSignInForm(action: (values: SignInInput) => Promise<unknown>) {
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<SignInInput>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: zod4Resolver(signInInput),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await action(values);
    } catch (error) {
      form.setFieldValue('password', '');
      setFailure(applyCoreError(form, appErrorOf(error), ['email', 'password']));
    }
  });
  return { form, failure, submit };
}
