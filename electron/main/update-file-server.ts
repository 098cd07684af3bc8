import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Serves one verified "Update from file" package on 127.0.0.1, so that electron-updater installs
 * it exactly as it would from the update server: signature, SHA-512 and platform installer alike.
 * Only the files in the folder are served, by their exact names.
 */
export async function serveFolder(folder: string): Promise<{ url: string; close(): void }> {
  const names = new Set(fs.readdirSync(folder));
  const server = http.createServer((request, response) => {
    let name: string;
    try {
      name = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1));
    } catch {
      name = '';
    }
    if (request.method !== 'GET' || !names.has(name)) {
      response.writeHead(404).end();
      return;
    }
    const file = path.join(folder, name);
    response.writeHead(200, { 'Content-Length': fs.statSync(file).size, 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
