import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { ExportFiles } from '../core/platform';

interface Download {
  path: string;
  fileName: string;
  contentType: string;
  expires: number;
}

// A link nobody opens within this time is dropped with its file.
const LINK_TTL_MS = 10 * 60 * 1000;

export interface OneTimeDownloads {
  /** For the core: a finished export becomes a link that works once. */
  files: ExportFiles;
  /** For the server: the file behind a link, which stops working as it is taken. */
  take(token: string): Download | null;
}

export function oneTimeDownloads(): OneTimeDownloads {
  const links = new Map<string, Download>();
  const sweep = () => {
    for (const [token, link] of links)
      if (link.expires < Date.now()) {
        links.delete(token);
        fs.rmSync(link.path, { force: true });
      }
  };
  return {
    files: {
      async deliver(file) {
        sweep();
        const token = randomBytes(24).toString('base64url');
        links.set(token, { ...file, expires: Date.now() + LINK_TTL_MS });
        return { kind: 'download', url: `/exports/${token}` };
      },
    },
    take(token) {
      sweep();
      const link = links.get(token) ?? null;
      links.delete(token);
      return link;
    },
  };
}
