import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { runningJobs } from './running-jobs';

const at = new Date('2026-11-22T09:00:00.000Z');
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof CoreError ? { code: error.code, message: error.message, details: error.details } : error;
  }
  return null;
};

describe('running jobs', () => {
  it('lists jobs until they end, and an update waits for them', () => {
    const jobs = runningJobs(() => at);
    const sync = jobs.begin('sync');
    const exportJob = jobs.begin('export');
    expect(jobs.list().map((j) => j.kind)).toEqual(['sync', 'export']);
    expect(refusal(() => jobs.claimForUpdate())).toEqual({
      code: 'CONFLICT',
      message: 'updates.errors.busy',
      details: { running: ['sync', 'export'] },
    });
    sync.end();
    exportJob.end();
    exportJob.end();
    expect(jobs.list()).toEqual([]);
    expect(refusal(() => jobs.claimForUpdate())).toBeNull();
  });

  it('starts no job while an update is claimed, and again once it is released', () => {
    const jobs = runningJobs(() => at);
    const claim = jobs.claimForUpdate();
    expect(refusal(() => jobs.begin('export'))).toMatchObject({ code: 'CONFLICT', message: 'updates.errors.installing' });
    expect(refusal(() => jobs.claimForUpdate())).toMatchObject({ message: 'updates.errors.installing' });
    claim.release();
    expect(jobs.begin('export')).toBeDefined();
    expect(jobs.list()).toEqual([{ id: 1, kind: 'export', startedAt: at.toISOString() }]);
  });
});

describe('job progress and cancel', () => {
  it('shows what a job has done, and a cancel reaches the job through its signal', () => {
    const jobs = runningJobs(() => at);
    const job = jobs.begin('export');
    job.progress(250, 1000);
    expect(jobs.list()).toEqual([{ id: job.id, kind: 'export', startedAt: at.toISOString(), done: 250, total: 1000 }]);
    expect(job.signal.aborted).toBe(false);
    expect(jobs.cancel(job.id)).toBe(true);
    expect(job.signal.aborted).toBe(true);
    job.end();
    expect(jobs.cancel(job.id)).toBe(false);
    expect(jobs.list()).toEqual([]);
  });
});
