import fs from 'node:fs';

/** CHROMIUM_PATH, then Debian's Chromium, then (undefined) Playwright's own browser. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  return candidates.find((candidate): candidate is string => !!candidate && fs.existsSync(candidate));
}
