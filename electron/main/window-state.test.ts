import { describe, expect, it } from 'vitest';
import { restoreWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const rightMonitor = { x: 1440, y: 0, width: 1920, height: 1040 };
const fallback = { width: 1280, height: 800, maximized: false };

describe('restoreWindowState', () => {
  it('restores a saved window that is still on a screen', () => {
    const saved = { x: 1600, y: 40, width: 1200, height: 900, maximized: true };
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('falls back to the default size when the screen it was on is gone', () => {
    const saved = { x: 1600, y: 40, width: 1200, height: 900, maximized: true };
    expect(restoreWindowState(saved, [laptop])).toEqual({ ...fallback, maximized: true });
  });

  it('refuses a window whose title bar is above the screen', () => {
    expect(restoreWindowState({ x: 10, y: -300, width: 1000, height: 700, maximized: false }, [laptop])).toEqual(fallback);
  });

  it('refuses a window showing only a sliver on screen', () => {
    expect(restoreWindowState({ x: 1400, y: 10, width: 1000, height: 700, maximized: false }, [laptop])).toEqual(fallback);
  });

  it.each([
    null,
    'garbage',
    [],
    {},
    { x: 0, y: 0, width: '1000', height: 700, maximized: false },
    { x: 0, y: 0, width: 1e9, height: 700, maximized: false },
    { x: 0.5, y: 0, width: 1000, height: 700, maximized: false },
    { x: 0, y: 0, width: 1000, height: 700 },
    { x: 0, y: 0, width: 200, height: 100, maximized: false },
  ])('falls back to defaults for %j', (saved) => {
    expect(restoreWindowState(saved, [laptop])).toEqual(fallback);
  });

  it('keeps the default size within a small screen', () => {
    expect(restoreWindowState(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
      maximized: false,
    });
  });
});
