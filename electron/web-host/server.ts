import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../../common/csp';
import type { ServerMessage } from '../../common/rpc';
import type { PackageUploads } from './uploads';
import type { OneTimeDownloads } from './downloads';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': `${contentSecurityPolicy(`ws://127.0.0.1:${port}`)}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function sameToken(given: string | null, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

export interface WebHost {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the core's router over a WebSocket, on
 * 127.0.0.1 only. A random token, injected into the page, must come with the
 * socket, and the socket's Origin must be this host, so other local pages
 * and sites cannot drive the core.
 */
export async function startWebHost(options: {
  /** A client of the core (or of the recovery screen when the store cannot open) for each socket. */
  connect(send: (message: ServerMessage) => void): { receive(raw: unknown): void; close(): void };
  rendererDir: string;
  port: number;
  /** Update packages posted by the page (Admin → Updates), verified by the core by their id. */
  uploads?: PackageUploads;
  /** Finished exports, each fetched once at /exports/<token>. */
  downloads?: OneTimeDownloads;
}): Promise<WebHost> {
  const { rendererDir } = options;
  const token = randomBytes(24).toString('base64url');
  const indexHtml = fs
    .readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
    .replace('<head>', `<head>\n    <meta name="outpost-token" content="${token}" />`);
  let port = options.port;

  const server = http.createServer((request, response) => {
    const headers = securityHeaders(port);
    // An update package upload: the page's token and this origin, as for the socket.
    if (request.method === 'POST' && request.url === '/uploads/update-package' && options.uploads) {
      if (!sameToken(String(request.headers['x-outpost-token'] ?? ''), token) || request.headers.origin !== `http://127.0.0.1:${port}`) {
        response.writeHead(403, headers).end();
        request.resume();
        return;
      }
      options.uploads.receive(request, response, headers);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, headers).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      response.writeHead(400, headers).end();
      return;
    }
    const exported = /^\/exports\/([A-Za-z0-9_-]{32})$/.exec(pathname);
    if (exported && request.method === 'GET') {
      const download = options.downloads?.take(exported[1]!);
      if (!download) {
        response.writeHead(404, headers).end();
        return;
      }
      response.writeHead(200, {
        ...headers,
        'Content-Type': download.contentType,
        'Content-Disposition': `attachment; filename="${download.fileName.replace(/[^\w.-]/g, '_')}"`,
        'Cache-Control': 'no-store',
      });
      // Served once, then gone from the disk.
      const removeFile = () => fs.rm(download.path, { force: true }, () => undefined);
      fs.createReadStream(download.path).on('close', removeFile).pipe(response);
      return;
    }
    const file = path.join(rendererDir, pathname);
    const inside = file.startsWith(rendererDir + path.sep);
    if (pathname === '/' || pathname === '/index.html' || !inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (pathname !== '/' && pathname !== '/index.html' && path.extname(pathname)) {
        response.writeHead(404, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, 'Content-Type': contentTypes['.html']!, 'Cache-Control': 'no-store' }).end(indexHtml);
      return;
    }
    const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { ...headers, 'Content-Type': type });
    fs.createReadStream(file).pipe(response);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = request.headers.origin;
    if (url.pathname !== '/rpc' || !sameToken(url.searchParams.get('token'), token) || origin !== `http://127.0.0.1:${port}`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const connection = options.connect((message) => ws.send(JSON.stringify(message)));
      ws.on('message', (data) => {
        let message: unknown;
        try {
          message = JSON.parse(String(data));
        } catch {
          return; // not JSON: not a message of ours
        }
        connection.receive(message);
      });
      ws.on('close', () => connection.close());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
