import type { Rectangle } from 'electron';

/** Where the main window was, as saved in userData; x and y are absent when the OS should place it. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const minWindowSize = { width: 900, height: 600 } as const;
const defaultSize = { width: 1280, height: 800 } as const;
/** How much of a restored window must lie on a screen for the user to grab it. */
const minVisible = 100;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 100_000;
}

function defaults(workArea: Rectangle | undefined): WindowState {
  return {
    width: Math.min(defaultSize.width, workArea?.width ?? defaultSize.width),
    height: Math.min(defaultSize.height, workArea?.height ?? defaultSize.height),
    maximized: false,
  };
}

/** Its title bar lies within a work area and enough of it shows there. */
function isReachable(bounds: Rectangle, area: Rectangle): boolean {
  const overlapWidth = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const overlapHeight = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
  const titleBarOnScreen = bounds.y >= area.y && bounds.y < area.y + area.height - minVisible;
  return titleBarOnScreen && overlapWidth >= minVisible && overlapHeight >= minVisible;
}

/**
 * The saved state if it is well-formed and still on one of today's screens
 * (`workAreas[0]` is the primary); otherwise a default size the OS centres.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rectangle[]): WindowState {
  const fallback = defaults(workAreas[0]);
  if (typeof saved !== 'object' || saved === null) return fallback;
  const { x, y, width, height, maximized } = saved as Record<string, unknown>;
  if (!isCount(x) || !isCount(y) || !isCount(width) || !isCount(height) || typeof maximized !== 'boolean') return fallback;
  if (width < minWindowSize.width || height < minWindowSize.height) return fallback;
  const bounds = { x, y, width, height };
  if (!workAreas.some((area) => isReachable(bounds, area))) return { ...fallback, maximized };
  return { ...bounds, maximized };
}
