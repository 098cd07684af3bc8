import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * UUIDv7 ids for the writes that make many at once: an import of 100,000 people makes two a record (the record
 * and its audit entry). uuid asks the system for 16 random bytes an id (about 5 µs each); these come from a pool
 * refilled 4 KiB at a time. As uuid's own, the ids of one millisecond count up from a random start, so that
 * they stay in the order they were made.
 */
const pool = new Uint8Array(4096);
let used = pool.length;
let msecs = -Infinity;
let seq = 0;

export function newId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.subarray(used, (used += 16));
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return v7({ random, msecs, seq });
}
