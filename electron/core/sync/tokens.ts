import type { TokenPair } from '../../../common/sync';
import type { Core } from '../core';

// The sync server's tokens live in the platform's secret store (OS keychain in the app), never in the database
// and never in anything sent to a window.
const ACCESS = 'sync.access-token';
const REFRESH = 'sync.refresh-token';
const DEVICE = 'sync.token-device';

export interface Tokens {
  access: string | null;
  refresh: string | null;
  /** The device id the server issued them to (pushes must name it); null when stored before it was recorded. */
  deviceId: string | null;
}

export async function readTokens(core: Core): Promise<Tokens> {
  const [access, refresh, deviceId] = await Promise.all([core.secrets.get(ACCESS), core.secrets.get(REFRESH), core.secrets.get(DEVICE)]);
  return { access: access || null, refresh: refresh || null, deviceId: deviceId || null };
}

export async function storeTokens(core: Core, pair: TokenPair, deviceId: string): Promise<void> {
  // Refresh first: if the process dies between the two, the old access token fails and the new refresh token still works.
  // The device last: if it is behind, the next sync moves the tokens to this device again, which changes nothing.
  await core.secrets.set(REFRESH, pair.refresh_token);
  await core.secrets.set(ACCESS, pair.access_token);
  await core.secrets.set(DEVICE, deviceId);
  // New beneficiary codes use the server's code for this device; those made before keep theirs.
  if (pair.device_code) core.store.sqlite.prepare('update sync_state set device_code = ? where id = 1').run(pair.device_code);
}

export async function clearTokens(core: Core): Promise<void> {
  await core.secrets.set(ACCESS, '');
  await core.secrets.set(REFRESH, '');
}
