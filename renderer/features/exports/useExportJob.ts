import { useEffect, useRef, useState } from 'react';
import type { AppErrorShape } from '../../../common/errors';
import type { ExportDelivered, ExportStatus } from '../../../common/exports';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';

export type ExportPhase =
  | { kind: 'idle' }
  | { kind: 'running'; status: ExportStatus }
  | { kind: 'finished'; status: ExportStatus; delivered: ExportDelivered | null }
  | { kind: 'error'; error: AppErrorShape };

// How often the bar asks the core how far the job is.
const POLL_MS = 200;

/** The browser's own download of a one-time link (web host); the desktop saved the file already. */
function download(url: string, fileName: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Starts an export job in the core, follows its progress, cancels it, and hands the file over when done. */
export function useExportJob() {
  const [phase, setPhase] = useState<ExportPhase>({ kind: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  async function deliver(status: ExportStatus) {
    const delivered = await api.exports.deliver.mutate({ id: status.id });
    if (delivered.kind === 'download') download(delivered.url, status.fileName);
    if (alive.current) setPhase({ kind: 'finished', status, delivered });
  }

  async function follow(started: ExportStatus) {
    let status = started;
    while (status.state === 'running') {
      if (!alive.current) return;
      setPhase({ kind: 'running', status });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      status = await api.exports.status.query({ id: status.id });
    }
    if (status.state === 'done') await deliver(status);
    else if (alive.current) setPhase({ kind: 'finished', status, delivered: null });
  }

  return {
    phase,
    async start(begin: () => Promise<ExportStatus>) {
      try {
        await follow(await begin());
      } catch (error) {
        if (alive.current) setPhase({ kind: 'error', error: appErrorOf(error) });
      }
    },
    async cancel() {
      if (phase.kind !== 'running') return;
      try {
        await api.exports.cancel.mutate({ id: phase.status.id });
      } catch (error) {
        setPhase({ kind: 'error', error: appErrorOf(error) });
      }
    },
    /** The desktop's save dialog was dismissed: ask again. */
    async saveAgain() {
      if (phase.kind !== 'finished') return;
      try {
        await deliver(phase.status);
      } catch (error) {
        setPhase({ kind: 'error', error: appErrorOf(error) });
      }
    },
    reset: () => setPhase({ kind: 'idle' }),
  };
}
