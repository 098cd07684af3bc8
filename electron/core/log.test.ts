import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('logs', () => {
  it('writes JSON lines with names, IDs, phones and notes redacted, and reads recent errors back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-log-'));
    const log = createLogger(dir);
    log.log('info', 'beneficiaries.register', { id: 'b1', row: { givenName: 'Zebulon', nationalId: 'KE-777', phone: '0712', notes: 'HIV+' } });
    log.log('error', 'core.unexpected', { error: new Error("UNIQUE constraint failed: value 'Zebulon Quixote'") });
    const text = fs.readFileSync(log.file, 'utf8');
    for (const secret of ['Zebulon', 'KE-777', '0712', 'HIV+']) expect(text).not.toContain(secret);
    expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l).event)).toEqual(['beneficiaries.register', 'core.unexpected']);
    expect(log.recent('error', 10)).toEqual([expect.objectContaining({ event: 'core.unexpected', level: 'error' })]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
