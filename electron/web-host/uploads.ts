import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

// An update package is far larger than a socket message may be (16 MiB): the browser posts it
// to the host as a plain HTTP body instead, and the core verifies it by the id this returns.
const MAX_BYTES = 2 * 1024 ** 3;

export interface PackageUploads {
  /** Streams a POSTed .zip to a private temporary folder; answers {"id"}. */
  receive(request: http.IncomingMessage, response: http.ServerResponse, headers: Record<string, string>): void;
  /** The uploaded file, once; null for an unknown id. */
  take(id: string): string | null;
}

export function packageUploads(): PackageUploads {
  const received = new Map<string, string>();
  return {
    receive(request, response, headers) {
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (!Number.isFinite(declared) || declared > MAX_BYTES) {
        response.writeHead(413, headers).end();
        request.resume();
        return;
      }
      const id = randomBytes(18).toString('base64url');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-upload-'));
      const file = path.join(folder, `${id}.zip`);
      let bytes = 0;
      pipeline(
        request,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            bytes += chunk.length;
            if (bytes > MAX_BYTES) throw new Error('too large');
            yield chunk;
          }
        },
        fs.createWriteStream(file, { flags: 'wx' }),
      ).then(
        () => {
          received.set(id, file);
          response.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify({ id }));
        },
        () => {
          fs.rmSync(folder, { recursive: true, force: true });
          if (!response.headersSent) response.writeHead(400, headers).end();
        },
      );
    },
    take(id) {
      const file = received.get(id) ?? null;
      received.delete(id);
      return file;
    },
  };
}
