/**
 * Hybrid logical clock stamps (SYNC.md): wall ms, a counter, the device id.
 * The string form sorts in clock order, ties broken by device id.
 */
export interface Hlc {
  wallMs: number;
  counter: number;
  deviceId: string;
}

export function formatHlc(h: Hlc): string {
  return `${h.wallMs.toString().padStart(15, '0')}:${h.counter.toString(36).padStart(5, '0')}:${h.deviceId}`;
}

export function parseHlc(value: string): Hlc {
  const match = /^(\d{15}):([0-9a-z]{5}):(.+)$/.exec(value);
  if (!match) throw new Error(`Not an HLC: ${value}`);
  return { wallMs: Number(match[1]), counter: parseInt(match[2]!, 36), deviceId: match[3]! };
}

/** The stamp for a local event, given the last stamp this device issued or saw. */
export function tickHlc(last: Hlc | null, nowMs: number, deviceId: string): Hlc {
  if (last === null || nowMs > last.wallMs) return { wallMs: nowMs, counter: 0, deviceId };
  return { wallMs: last.wallMs, counter: last.counter + 1, deviceId };
}
