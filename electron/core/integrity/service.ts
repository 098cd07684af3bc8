import { type IntegrityStatus, integrityNotRun } from '../../../common/integrity';
import type { Core } from '../core';
import { quickCheckInWorker } from './check';

const statuses = new WeakMap<Core, IntegrityStatus>();

export function integrityStatus(core: Core): IntegrityStatus {
  return statuses.get(core) ?? integrityNotRun;
}

/**
 * Checks the store in the background (quick_check takes ~18 s at 100,000 beneficiaries: far too long to
 * hold start-up). The result is kept for Diagnostics; damage is logged, and the store turns read-only until a restore.
 */
export async function startIntegrityCheck(core: Core): Promise<IntegrityStatus> {
  const startedAt = core.now().toISOString();
  statuses.set(core, { ...integrityNotRun, state: 'running', startedAt });
  const result = await quickCheckInWorker(core.databaseFile, core.key);
  const status: IntegrityStatus = {
    state: result.ok ? 'ok' : result.damaged ? 'damaged' : 'error',
    startedAt,
    finishedAt: core.now().toISOString(),
    durationMs: Math.round(result.durationMs),
    problems: result.problems.slice(0, 20),
  };
  statuses.set(core, status);
  if (status.state === 'damaged') {
    core.log.log('error', 'integrity.damaged', { problems: status.problems });
    core.markDamaged();
  } else if (status.state === 'error') core.log.log('warn', 'integrity.notRun', { problems: status.problems });
  else core.log.log('info', 'integrity.ok', { durationMs: status.durationMs });
  return status;
}
