import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checksumResponse,
  deviceCodeOf,
  errorResponse,
  healthResponse,
  loginResponse,
  pullResponse,
  pushResponse,
  refreshResponse,
} from '../common/sync';
import { beneficiary, TestDevice } from './test-client';
import { startTestServer, type TestServer, type TestUser } from './testing';

let server: TestServer;
let clockOffsetMs = 0;
const logLines: string[] = [];
beforeAll(async () => {
  server = await startTestServer({
    now: () => new Date(Date.now() + clockOffsetMs),
    loginAttemptsPerMinute: 3,
    maxPushBytes: 128 * 1024,
    logger: { stream: new Writable({ write: (chunk, _enc, done) => done(void logLines.push(String(chunk))) }) },
  });
});
afterAll(() => server.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

const login = (user: TestUser, password = user.password, deviceId = randomUUID()) =>
  post('/v1/auth/login', { email: user.email, password, device_id: deviceId, device_name: 'Front desk' });

/** Sign-ins are limited to 3 a minute per account here: each test signs in as users of its own. */
const freshDevice = async () => new TestDevice(server, await server.createUser()).signIn();

const code = (response: { body: unknown }) => errorResponse.parse(response.body).error.code;

describe('the sync API, end to end over HTTP', () => {
  it('answers health in the common/ shape', async () => {
    const response = await fetch(`${server.url}/v1/health`);
    expect(healthResponse.parse(await response.json())).toMatchObject({ status: 'ok' });
  });

  it('signs in, pushes a beneficiary, pulls it back, and checksums it', async () => {
    const device = await freshDevice();
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
    // The seeded clinic and users come down too, without their password hashes.
    expect(page.changes.filter((c) => c.entity === 'clinics').map((c) => c.row_id)).toEqual([server.clinic.id]);
    const users = page.changes.filter((c) => c.entity === 'users').map((c) => c.row_id);
    expect(users).toEqual(expect.arrayContaining([server.users.admin.id, server.users.manager.id, server.users.staff.id, device.user.id]));
    expect(JSON.stringify(page.changes)).not.toContain('scrypt');

    const sum = await device.request('GET', '/v1/sync/checksum?entity=beneficiaries');
    expect(checksumResponse.parse(sum.body).count).toBeGreaterThanOrEqual(1);
  });
});

describe('sign-in and tokens', () => {
  it('signs in whatever the case of the email, and refuses a wrong password or an unknown email alike', async () => {
    const user = await server.createUser({ role: 'manager' });
    const ok = await post('/v1/auth/login', {
      email: user.email.toUpperCase(),
      password: user.password,
      device_id: 'd1',
      device_name: 'x',
    });
    expect(loginResponse.parse(ok.body).user).toMatchObject({ id: user.id, role: 'manager', clinic_ids: [server.clinic.id] });
    // Their clinics by code, so that a standalone installation can match its own to them.
    expect(loginResponse.parse(ok.body).clinics).toEqual([{ id: server.clinic.id, code: server.clinic.code, name: server.clinic.name }]);

    const wrong = await login(user, 'not the password');
    const unknown = await post('/v1/auth/login', { email: 'nobody@example.org', password: 'whatever', device_id: 'd1', device_name: 'x' });
    expect([wrong.status, code(wrong)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('limits sign-in attempts per account and address, answering 429 RATE_LIMITED', async () => {
    const user = await server.createUser();
    for (let i = 0; i < 3; i++) expect((await login(user, 'guess')).status).toBe(401);
    const limited = await login(user);
    expect([limited.status, code(limited)]).toEqual([429, 'RATE_LIMITED']);
    // Colleagues behind the same address still sign in.
    expect((await login(await server.createUser())).status).toBe(200);
  });

  it('numbers each device once: its code is the same at every sign-in and refresh, and no other device has it', async () => {
    const user = await server.createUser();
    const [here, there] = [randomUUID(), randomUUID()];
    const first = loginResponse.parse((await login(user, user.password, here)).body);
    const other = loginResponse.parse((await login(user, user.password, there)).body);
    const again = loginResponse.parse((await login(user, user.password, here)).body);
    const refreshed = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: first.refresh_token })).body);
    expect(first.device_code).toMatch(/^[0-9A-Z]{3}$/);
    expect([again.device_code, refreshed.device_code]).toEqual([first.device_code, first.device_code]);
    expect(other.device_code).not.toBe(first.device_code);
    // Three characters of Crockford base 32, then more: never a code that stops being distinct.
    expect([1, 31, 32, 32_767, 32_768].map(deviceCodeOf)).toEqual(['001', '00Z', '010', 'ZZZ', '1000']);
  });

  it('rotates the refresh token on use, and a reused one revokes its whole family', async () => {
    const user = await server.createUser();
    const first = loginResponse.parse((await login(user)).body);
    const second = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: first.refresh_token })).body);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const third = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: second.refresh_token })).body);

    // The first token comes back (stolen): refused, and the newest token of its family dies with it.
    const reuse = await post('/v1/auth/refresh', { refresh_token: first.refresh_token });
    expect([reuse.status, code(reuse)]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await post('/v1/auth/refresh', { refresh_token: third.refresh_token })).status).toBe(401);

    // Another sign-in is another family, unaffected.
    const other = loginResponse.parse((await login(user)).body);
    expect((await post('/v1/auth/refresh', { refresh_token: other.refresh_token })).status).toBe(200);
  });

  it('a device that never got the answer to its refresh sends the old token again and gets the same new one', async () => {
    const user = await server.createUser();
    const first = loginResponse.parse((await login(user)).body);
    const lost = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: first.refresh_token })).body);
    // Killed before storing `lost`: the next start presents the first token, even hours later.
    const again = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: first.refresh_token })).body);
    expect(again.refresh_token).toBe(lost.refresh_token);
    const device = new TestDevice(server, user);
    device.token = again.access_token;
    expect((await device.request('GET', '/v1/sync/pull?limit=1')).status).toBe(200);
    const next = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: again.refresh_token })).body);

    // Once the new token was used, the old one coming back is reuse: the family ends.
    const reuse = await post('/v1/auth/refresh', { refresh_token: first.refresh_token });
    expect([reuse.status, code(reuse)]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await post('/v1/auth/refresh', { refresh_token: next.refresh_token })).status).toBe(401);
  });

  it('two refreshes with one token at once both get the same new token', async () => {
    const first = loginResponse.parse((await login(await server.createUser())).body);
    const answers = await Promise.all([1, 2].map(() => post('/v1/auth/refresh', { refresh_token: first.refresh_token })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [a, b] = answers.map((a) => refreshResponse.parse(a.body).refresh_token);
    expect(a).toBe(b);
    expect((await post('/v1/auth/refresh', { refresh_token: a })).status).toBe(200);
  });

  it('a copied token cannot be taken in turns: a resent token that comes back again revokes the family', async () => {
    const first = loginResponse.parse((await login(await server.createUser())).body);
    const thief = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: first.refresh_token })).body);
    const owner = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: first.refresh_token })).body);
    expect(owner.refresh_token).toBe(thief.refresh_token);
    const thiefNext = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: thief.refresh_token })).body);
    const reuse = await post('/v1/auth/refresh', { refresh_token: owner.refresh_token });
    expect([reuse.status, code(reuse)]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await post('/v1/auth/refresh', { refresh_token: thiefNext.refresh_token })).status).toBe(401);
  });

  it('access tokens expire after 15 minutes; a refresh gives a working one', async () => {
    const device = await freshDevice();
    const pair = loginResponse.parse((await login(device.user, undefined, device.id)).body);
    expect(pair.expires_in).toBe(900);
    clockOffsetMs = 16 * 60_000;
    try {
      device.token = pair.access_token;
      const expired = await device.request('GET', '/v1/sync/pull');
      expect([expired.status, code(expired)]).toEqual([401, 'UNAUTHENTICATED']);
      device.token = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: pair.refresh_token })).body).access_token;
      expect((await device.request('GET', '/v1/sync/pull?limit=1')).status).toBe(200);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('refuses a missing or tampered token, and a push in the name of another device', async () => {
    const device = await freshDevice();
    const [body, signature] = device.token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sub: server.users.admin.id })).toString('base64url')}.${signature}`;
    for (const token of ['', 'garbage', forged]) {
      const response = await fetch(`${server.url}/v1/sync/pull`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
    }
    const m = device.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) });
    const other = await device.request('POST', '/v1/sync/push', { device_id: randomUUID(), mutations: [m] });
    expect([other.status, code(other)]).toEqual([403, 'FORBIDDEN']);
  });

  it('moves a sign-in to the new id a restored device took: pushes name that id and count from seq 1', async () => {
    const user = await server.createUser();
    const old = new TestDevice(server, user);
    const pair = loginResponse.parse((await login(user, undefined, old.id)).body);
    old.token = pair.access_token;
    await old.push([old.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) })]);

    const restored = new TestDevice(server, user);
    const moved = refreshResponse.parse(
      (await post('/v1/auth/refresh', { refresh_token: pair.refresh_token, device_id: restored.id })).body,
    );
    restored.token = moved.access_token;
    const first = restored.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) });
    expect(first.seq).toBe(1);
    expect((await restored.push([first])).results).toMatchObject([{ seq: 1, status: 'applied' }]);
    // The moved tokens name the new device only; refreshing them keeps it.
    const stale = await restored.request('POST', '/v1/sync/push', { device_id: old.id, mutations: [first] });
    expect([stale.status, code(stale)]).toEqual([403, 'FORBIDDEN']);
    const again = refreshResponse.parse((await post('/v1/auth/refresh', { refresh_token: moved.refresh_token })).body);
    restored.token = again.access_token;
    const second = restored.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) });
    expect((await restored.push([second])).results).toMatchObject([{ seq: 2, status: 'applied' }]);
  });
});

describe('changing a user', () => {
  it('a new clinic makes old cursors resync; a deactivated user is signed out everywhere and shown inactive', async () => {
    const device = await freshDevice();
    await device.pullAll();
    const other = await server.createClinic({ name: 'Eldoret', code: `E${randomUUID().slice(0, 4)}`.toUpperCase() });
    await server.updateUser({ email: device.user.email, clinics: [server.clinic.id, other.id] });
    const stale = await device.request('GET', `/v1/sync/pull?cursor=${device.cursor}`);
    expect([stale.status, code(stale)]).toEqual([409, 'RESYNC_REQUIRED']);
    device.cursor = undefined;
    expect((await device.pullAll()).map((c) => c.row_id)).toContain(other.id);

    await server.updateUser({ email: device.user.email, active: false });
    expect((await device.request('GET', '/v1/sync/pull')).status).toBe(401);
    expect((await login(device.user)).status).toBe(401);
    const colleague = await freshDevice();
    const profile = (await colleague.pullAll()).find((c) => c.row_id === device.user.id);
    expect(profile).toMatchObject({ entity: 'users', data: { active: false, clinicIds: [server.clinic.id, other.id] } });
  });
});

describe('hostile and broken requests', () => {
  it.each([
    ['invalid JSON', '{"device_id": '],
    ['no mutations', { device_id: 'x', mutations: [] }],
    ['a mutation without its fields', { device_id: 'x', mutations: [{ seq: 1 }] }],
    [
      'an unknown entity',
      {
        device_id: 'x',
        mutations: [{ seq: 1, id: 'a', row_id: 'a', entity: 'passwords', op: 'upsert', fields: {}, hlc: 'x', base_version: null }],
      },
    ],
    [
      'a negative seq',
      {
        device_id: 'x',
        mutations: [{ seq: -1, id: 'a', row_id: 'a', entity: 'sessions', op: 'upsert', fields: {}, hlc: 'x', base_version: null }],
      },
    ],
    ['an array body', [1, 2, 3]],
  ])('a push with %s answers 400 VALIDATION with a message', async (_name, body) => {
    const device = await freshDevice();
    const response = await post('/v1/sync/push', body, { authorization: `Bearer ${device.token}` });
    expect([response.status, code(response)]).toEqual([400, 'VALIDATION']);
    expect(errorResponse.parse(response.body).error.message.length).toBeGreaterThan(5);
  });

  it('names the offending field', async () => {
    const response = await post('/v1/auth/login', { email: 'not-an-email', password: 'x', device_id: 'd', device_name: 'n' });
    expect(response.body.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('email') });
  });

  it('more than 500 mutations, a pull limit over 1000 and an unknown checksum entity are refused as VALIDATION', async () => {
    const device = await freshDevice();
    const many = Array.from({ length: 501 }, (_, i) => ({
      seq: i + 1,
      id: 'a',
      row_id: 'a',
      entity: 'sessions',
      op: 'upsert',
      fields: {},
      hlc: device.hlc(),
      base_version: null,
    }));
    expect(code(await device.request('POST', '/v1/sync/push', { device_id: device.id, mutations: many }))).toBe('VALIDATION');
    expect(code(await device.request('GET', '/v1/sync/pull?limit=5000'))).toBe('VALIDATION');
    expect(code(await device.request('GET', '/v1/sync/checksum?entity=audit_log'))).toBe('VALIDATION');
    expect((await device.request('GET', '/v1/nothing-here')).status).toBe(404);
  });

  it('a body over the limit answers 413 TOO_LARGE and applies nothing', async () => {
    const device = await freshDevice();
    const id = randomUUID();
    const big = device.mutation({
      entity: 'beneficiaries',
      row_id: id,
      fields: beneficiary(server.clinic.id, { notes: 'x'.repeat(9000) }),
    });
    const many = Array.from({ length: 16 }, (_, i) => ({ ...big, seq: i + 1 }));
    const response = await device.request('POST', '/v1/sync/push', { device_id: device.id, mutations: many });
    expect([response.status, code(response)]).toEqual([413, 'TOO_LARGE']);
    const loginTooBig = await post('/v1/auth/login', { email: 'a@b.org', password: 'p'.repeat(20_000), device_id: 'd', device_name: 'n' });
    expect(loginTooBig.status).toBe(413);
    expect((await device.pullAll()).find((c) => c.row_id === id)).toBeUndefined();
  });
});

describe('transport', () => {
  it('sends security headers and gzips large answers', async () => {
    const device = await freshDevice();
    const response = await fetch(`${server.url}/v1/sync/pull`, {
      headers: { authorization: `Bearer ${device.token}`, 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
    expect(pullResponse.parse(await response.json()).changes.length).toBeGreaterThan(0);
  });

  it('reports request and sync counts at /metrics in the Prometheus text format', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('# TYPE outpost_http_requests_total counter');
    expect(text).toMatch(/outpost_http_requests_total\{method="POST",route="\/v1\/sync\/push",status="200"\} \d+/);
    expect(text).toMatch(/outpost_sync_push_mutations_total\{status="applied",reason="none"\} \d+/);
    expect(text).toMatch(/outpost_sync_pull_changes_total \d+/);
  });

  it('logs every request by route and status, and no personal data: no emails, names, tokens or bodies', async () => {
    const user = await server.createUser({ name: 'Wairimu Kamau', email: 'wairimu.kamau@example.org' });
    const pair = loginResponse.parse((await login(user)).body);
    await login(user, 'wrong password 123');
    const device = new TestDevice(server, user);
    device.token = pair.access_token;
    const d = await device.signIn();
    await d.push([
      d.mutation({
        entity: 'beneficiaries',
        row_id: randomUUID(),
        fields: beneficiary(server.clinic.id, { givenName: 'Nyokabi', phone: '+254799887766' }),
      }),
    ]);
    await d.pull();
    await d.pull(); // with a cursor in its query string
    await post('/v1/auth/refresh', { refresh_token: pair.refresh_token });

    const logs = logLines.join('');
    expect(logs).toContain('"route":"/v1/sync/push"');
    for (const secret of [
      'wairimu',
      'Wairimu',
      'Kamau',
      'Nyokabi',
      '+254799887766',
      'wrong password',
      pair.refresh_token,
      pair.access_token,
      d.token,
      'cursor=',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
