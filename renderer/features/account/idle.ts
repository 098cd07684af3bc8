/** What counts as someone at the keyboard: pointer, keys, touch, wheel and scrolling. */
export const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export interface IdleOptions {
  /** Where activity is heard (the window). */
  target: EventTarget;
  timeoutMs: number;
  onIdle(): void;
  /** The clock (Date.now); timers are the global ones, so a test clock that fakes both moves them together. */
  now?: () => number;
}

/**
 * Calls `onIdle` once, after `timeoutMs` without activity on `target`.
 * Activity only stamps the time; a single timer checks the stamp when it is
 * due and re-arms for the rest, so a moving mouse costs no timer churn. A
 * computer that slept past the deadline locks as soon as its timers run.
 * Returns the stop function.
 */
export function watchIdle({ target, timeoutMs, onIdle, now = Date.now }: IdleOptions): () => void {
  let last = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const check = () => {
    if (stopped) return;
    const left = last + timeoutMs - now();
    if (left <= 0) {
      stop();
      onIdle();
    } else {
      timer = setTimeout(check, left);
    }
  };
  const active = () => {
    last = now();
  };
  // Background windows' timers are slowed down: look again when the window shows.
  const visible = () => {
    if ((globalThis as { document?: Document }).document?.visibilityState !== 'hidden') {
      clearTimeout(timer);
      check();
    }
  };

  for (const type of activityEvents) target.addEventListener(type, active, { capture: true, passive: true });
  target.addEventListener('visibilitychange', visible);
  timer = setTimeout(check, timeoutMs);

  function stop() {
    stopped = true;
    clearTimeout(timer);
    for (const type of activityEvents) target.removeEventListener(type, active, { capture: true });
    target.removeEventListener('visibilitychange', visible);
  }
  return stop;
}
