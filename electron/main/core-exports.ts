import type { ExportFiles, Printer } from '../core/platform';
import type { ExportReply, ExportRequest } from './export-protocol';

type Pending = (reply: ExportReply) => void;

/**
 * The core process's Printer and ExportFiles: each call becomes a request to
 * main (which owns windows and dialogs) and waits for its reply.
 */
export function exportBridge(post: (request: ExportRequest) => void) {
  const pending = new Map<number, Pending>();
  let lastId = 0;
  const ask = (request: (id: number) => ExportRequest) =>
    new Promise<ExportReply>((resolve) => {
      const id = ++lastId;
      pending.set(id, resolve);
      post(request(id));
    });

  const printer: Printer = {
    async print(document) {
      const reply = await ask((id) => ({ type: 'export-print', id, document }));
      if (reply.type !== 'export-print-reply' || !reply.pdf) throw new Error(reply.error ?? 'printing failed');
      return reply.pdf;
    },
  };
  const exportFiles: ExportFiles = {
    async deliver(file) {
      const reply = await ask((id) => ({ type: 'export-save', id, path: file.path, fileName: file.fileName }));
      if (reply.type !== 'export-save-reply' || !reply.delivered) throw new Error(reply.error ?? 'saving failed');
      return reply.delivered;
    },
  };
  return {
    /** For openCore's options. */
    platform: { printer, exportFiles },
    receive(reply: ExportReply) {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    },
  };
}
