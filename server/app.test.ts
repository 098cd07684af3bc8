import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumResponse, healthResponse, loginResponse, pullResponse, pushResponse } from '../common/sync';
import { beneficiary, TestDevice } from './test-client';
import { startTestServer, type TestServer } from './testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the sync API, end to end over HTTP', () => {
  it('answers health in the common/ shape', async () => {
    const response = await fetch(`${server.url}/v1/health`);
    expect(healthResponse.parse(await response.json())).toMatchObject({ status: 'ok' });
  });

  it('signs in, pushes a beneficiary, pulls it back, and checksums it', async () => {
    const login = loginResponse.parse(await server.login(server.users.staff));
    expect(login.user).toMatchObject({ role: 'staff', clinic_ids: [server.clinic.id] });

    const device = await new TestDevice(server, server.users.staff).signIn();
    const id = randomUUID();
    const pushed = pushResponse.parse(
      await device.push([
        device.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id, { givenName: 'Zawadi' }) }),
      ]),
    );
    expect(pushed.results).toEqual([{ seq: 1, status: 'applied', version: expect.any(Number) }]);

    const page = pullResponse.parse(await device.pull());
    const row = page.changes.find((c) => c.row_id === id);
    expect(row).toMatchObject({
      entity: 'beneficiaries',
      version: pushed.results[0]!.version,
      deleted: false,
      data: { id, givenName: 'Zawadi' },
    });
    // The seeded clinic and users come down too.
    expect(page.changes.filter((c) => c.entity === 'clinics').map((c) => c.row_id)).toEqual([server.clinic.id]);
    expect(page.changes.filter((c) => c.entity === 'users')).toHaveLength(3);
    expect(JSON.stringify(page.changes)).not.toContain('scrypt');

    const sum = await device.request('GET', '/v1/sync/checksum?entity=beneficiaries');
    expect(checksumResponse.parse(sum.body).count).toBeGreaterThanOrEqual(1);
  });
});
