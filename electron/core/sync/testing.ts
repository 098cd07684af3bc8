import type { SessionUser } from '../../../common/account';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { TestServer, TestUser } from '../../../server/testing';
import type { Core } from '../core';
import { dataOf, openTestCore, testClient } from '../testing';
import { signInToServer } from './connect';
import { syncEngine, type EngineOptions } from './engine';

/** A real client core connected to a real test server as `user`, signed in on a local client, after its first sync. */
export async function connectedDevice(
  server: Pick<TestServer, 'url' | 'clinic'>,
  user: TestUser,
  options: EngineOptions & { serverUrl?: string } = {},
) {
  const core = await openTestCore();
  await signInToServer(core, options.serverUrl ?? server.url, { email: user.email, password: user.password });
  const engine = syncEngine(core, { retry: false, ...options });
  const first = await engine.run();
  if (!first.ok) throw new Error(`first sync failed: ${JSON.stringify(first.error)}`);
  const client = testClient(core);
  const me = dataOf<SessionUser>(await client.mutate('account.signIn', { email: user.email, password: user.password }));
  return {
    core,
    engine,
    client,
    me,
    sync: () => engine.run(),
    register: async (fields: Record<string, unknown> = {}) =>
      dataOf<Beneficiary>(
        await client.mutate('beneficiaries.register', {
          clinicId: server.clinic.id,
          givenName: 'Given',
          familyName: 'Family',
          sex: 'female',
          ...fields,
        }),
      ),
    get: async (id: string) => dataOf<Beneficiary>(await client.query('beneficiaries.get', { id })),
    close: () => {
      engine.stop();
      client.close();
      core.close();
    },
  };
}
export type Device = Awaited<ReturnType<typeof connectedDevice>>;

/** The editable fields of a beneficiary, for `beneficiaries.update`. */
export function editable(b: Beneficiary) {
  return {
    id: b.id,
    clinicId: b.clinicId,
    givenName: b.givenName,
    familyName: b.familyName,
    otherNames: b.otherNames,
    sex: b.sex,
    birthDate: b.birthDate,
    birthDateEstimated: b.birthDateEstimated,
    nationalId: b.nationalId,
    phone: b.phone,
    address: b.address,
    preferredLanguage: b.preferredLanguage,
    consent: b.consent,
    consentDate: b.consentDate,
    tags: b.tags,
    notes: b.notes,
  };
}

export type { Core };
