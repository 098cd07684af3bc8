import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { endpoints, request, SyncHttpError } from './http';

const answer = { results: [], server_time: '2026-11-22T10:00:00.000Z' };

// The core, busy past the server's idle timeout (a long import), reuses a connection the server has closed.
describe('a kept-alive connection the server has closed', () => {
  let server: http.Server;
  afterEach(() => server.close());

  async function start() {
    // A connection's second request meets a reset, as when the server closed it while the client still held it as alive.
    const served = new WeakMap<object, number>();
    server = http.createServer((request, response) => {
      served.set(request.socket, (served.get(request.socket) ?? 0) + 1);
      if (served.get(request.socket)! > 1) return void request.socket.resetAndDestroy();
      request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Enough requests in a row that a pooled connection is used again. */
  async function several(idempotent: boolean) {
    const url = await start();
    const { method, path, schema, body } = endpoints.push({ device_id: 'd', mutations: [] });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await request(url, method, path, schema, { body, now: Date.now, idempotent })).data);
    return answers;
  }

  it('is tried once more on a fresh connection for a request safe to repeat', async () => {
    expect(await several(true)).toEqual([answer, answer, answer, answer]);
  });

  it('is a network error for a request that must not be sent twice', async () => {
    await expect(several(false)).rejects.toSatisfy((error) => error instanceof SyncHttpError && error.code === 'NETWORK');
  });
});
