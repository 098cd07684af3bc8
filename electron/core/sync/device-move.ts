import type { Core } from '../core';
import { endpoints, request, SyncHttpError } from './http';
import { clearTokens, readTokens, storeTokens, type Tokens } from './tokens';

/**
 * The sign-in follows the device. A restored backup makes this a new device (backups/service.ts,
 * prepareIncoming), so that its mutation numbers start afresh, but the stored tokens still name the old
 * id and the server takes pushes only for the device a token names. One refresh naming the new id moves
 * them there (the server registers it as at sign-in). Tokens from before the device was recorded move
 * to the same id, which changes nothing.
 */
export async function tokensForThisDevice(
  core: Core,
  serverUrl: string,
  options: { signal: AbortSignal; timeoutMs?: number },
): Promise<Tokens> {
  const tokens = await readTokens(core);
  const deviceId = core.deviceId;
  if (tokens.deviceId === deviceId || !tokens.refresh) return tokens;
  const endpoint = endpoints.refresh(tokens.refresh, deviceId);
  let answer;
  try {
    answer = await request(serverUrl, endpoint.method, endpoint.path, endpoint.schema, {
      body: endpoint.body,
      signal: options.signal,
      now: Date.now,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    if (error instanceof SyncHttpError && error.status === 401) {
      await clearTokens(core);
      throw new SyncHttpError(401, 'SIGN_IN_NEEDED', 'The server no longer accepts this computer’s sign-in: sign in again to sync.');
    }
    throw error;
  }
  await storeTokens(core, answer.data, deviceId);
  core.log.log('info', 'sync.signInMoved', {});
  return readTokens(core);
}
