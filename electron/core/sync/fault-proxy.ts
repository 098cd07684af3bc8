import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop-before' | 'drop-after' | 'status-500' | 'slow' | 'truncate';

/**
 * A small HTTP proxy in front of the real server that spoils the next request to a path in one way:
 * the connection dropped before the request reaches the server, or after the server committed it,
 * a 500 answer, an answer 5 s late, or a body cut short.
 */
export function faultProxy(target: string) {
  const queue: { path: string; fault: Fault }[] = [];
  const seen: Fault[] = [];
  const server = http.createServer((req, res) => {
    const index = queue.findIndex((q) => req.url?.startsWith(q.path));
    const fault = index >= 0 ? queue.splice(index, 1)[0]!.fault : null;
    if (fault) seen.push(fault);
    if (fault === 'drop-before') return req.socket.destroy();
    if (fault === 'status-500') {
      req.resume();
      return res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"INTERNAL","message":"injected"}}');
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection')) as Record<
        string,
        string
      >;
      const answer = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { ...headers, 'accept-encoding': 'identity' },
        body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
      });
      const body = Buffer.from(await answer.arrayBuffer());
      if (fault === 'drop-after') return req.socket.destroy();
      if (fault === 'slow') await new Promise((r) => setTimeout(r, 5000));
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
        'content-length': body.length,
      });
      if (fault === 'truncate') {
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        return setTimeout(() => req.socket.destroy(), 20);
      }
      res.end(body);
    });
  });
  return {
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    fail: (path: string, fault: Fault) => queue.push({ path, fault }),
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
