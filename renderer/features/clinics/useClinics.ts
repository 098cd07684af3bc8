import type { Clinic } from '../../../common/clinics';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { useSession } from '../../stores/session';

/** The clinics this user may see, kept current by change events. */
export function useClinics() {
  return useLiveQuery(() => api.clinics.list.query(), ['clinics']);
}

/** The clinic this window works in: the user's first clinic, else the first one they can see. */
export function useCurrentClinic(): Clinic | undefined {
  const user = useSession((state) => state.user);
  const { data } = useClinics();
  if (!data || !user) return undefined;
  return data.find((clinic) => user.clinicIds.includes(clinic.id)) ?? data[0];
}
