import { Alert, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClinicChoice } from '../../../common/sync';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { IconClinic } from '../../components/icons';
import { useSession } from '../../stores/session';
import { ConnectForm } from './ConnectForm';

/**
 * A standalone installation joins a server. Its clinics match the server's by code; one that does not makes
 * the core ask (a CONFLICT with both lists), and the admin chooses here, then connects again.
 */
export function ConnectLater({ deployedServerUrl }: { deployedServerUrl: string | null }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ClinicChoice | null>(null);
  const [clinicMap, setClinicMap] = useState<Record<string, string>>({});
  const choices = choice?.server.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` })) ?? [];
  return (
    <ConnectForm
      fixedServerUrl={deployedServerUrl}
      submitLabel={t('sync.connect.submit')}
      onConnect={async (values) => {
        try {
          await api.sync.connect.mutate({ ...values, clinicMap });
        } catch (error) {
          // A question rather than a failure: asked beside the choice, not as an error.
          const details = appErrorOf(error).details as ClinicChoice | undefined;
          if (!details?.local || details.server.length === 0) throw error;
          setChoice(details);
          return;
        }
        await useSession.getState().refresh();
      }}
    >
      {choice && choices.length > 0 && (
        <Stack gap="xs">
          <Alert color="blue" variant="light" icon={<IconClinic />}>
            {t('sync.errors.chooseClinic')} {t('sync.connect.clinicChoiceHint')}
          </Alert>
          {choice.local.map((clinic) => (
            <Select
              key={clinic.id}
              label={t('sync.connect.clinicChoice', { name: clinic.name, code: clinic.code })}
              data={choices}
              value={clinicMap[clinic.id] ?? null}
              onChange={(value) => setClinicMap((map) => ({ ...map, ...(value ? { [clinic.id]: value } : {}) }))}
              allowDeselect={false}
              withAsterisk
            />
          ))}
        </Stack>
      )}
    </ConnectForm>
  );
}
