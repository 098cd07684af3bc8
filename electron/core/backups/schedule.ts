import type { Core } from '../core';
import { backupNow, list, rotate } from './service';

const HOUR = 3_600_000;

/** Makes a daily backup whenever the newest is a day old, checking hourly while the app runs. Returns a stop function. */
export function scheduleDailyBackups(core: Core): () => void {
  const check = () => {
    try {
      const newest = list(core).find((b) => b.kind === 'daily');
      if (newest && core.now().getTime() - Date.parse(newest.at) < 24 * HOUR) return;
      backupNow(core, { userId: null }, 'daily');
      rotate(core);
    } catch (error) {
      // A full disk or a removed backup folder must not take the app down; the next check tries again.
      core.log.log('error', 'backups.dailyFailed', { error });
    }
  };
  check();
  const timer = setInterval(check, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
