import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop-before' | 'drop-after' | 'status-500' | 'slow' | 'truncate' | 'server-down';

/**
 * A small HTTP proxy in front of the real server that spoils the next request to a path in one way:
 * the connection dropped before the request reaches the server, or after the server committed it,
 * a 500 answer, an answer 5 s late, a body cut short, or the server stopped (`stopServer`) just before
 * the request would reach it. `pass` lets that many matching requests through first. `requests` lists every URL asked.
 * `hold` keeps every request to a path waiting, as a slow server would, until it is released.
 */
export function faultProxy(target: string, options: { stopServer?: () => Promise<void> } = {}) {
  const queue: { path: string; fault: Fault; pass: number }[] = [];
  const seen: Fault[] = [];
  const requests: string[] = [];
  let held: { path: string; until: Promise<void> } | null = null;
  const server = http.createServer(async (req, res) => {
    requests.push(req.url ?? '');
    if (held && req.url?.startsWith(held.path)) await held.until;
    const index = queue.findIndex((q) => req.url?.startsWith(q.path) && q.pass-- <= 0);
    const fault = index >= 0 ? queue.splice(index, 1)[0]!.fault : null;
    if (fault) seen.push(fault);
    if (fault === 'drop-before') return req.socket.destroy();
    if (fault === 'server-down') await options.stopServer!();
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
      let answer;
      try {
        answer = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers: { ...headers, 'accept-encoding': 'identity' },
          body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
        });
      } catch {
        return req.socket.destroy(); // no server there: the device sees the connection fail
      }
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
    fail: (path: string, fault: Fault, pass = 0) => queue.push({ path, fault, pass }),
    /** Holds the requests to `path` from now on; the function returned lets them, and those after, through. */
    hold(path: string): () => void {
      let release!: () => void;
      held = { path, until: new Promise((resolve) => (release = resolve)) };
      return () => {
        held = null;
        release();
      };
    },
    seen,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
