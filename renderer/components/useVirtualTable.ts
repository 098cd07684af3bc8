import { useViewportSize } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type UIEvent, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';

/** The part of a list's zustand store the table keeps in step: its search and where it was scrolled to. */
export interface ListScrollStore {
  getState(): { filters: { search: string }; scrollTop: number; set(patch: { search: string }): void; setScrollTop(top: number): void };
}

interface Options {
  /** Rows in the whole list (not only those fetched). */
  count: number;
  /** Changes with the query: a new search or filter scrolls back to the top. */
  queryKey: string;
  loading: boolean;
  setRange(first: number, last: number): void;
  store: ListScrollStore;
  /** What is in the search box now, which may not have reached the store yet. */
  typed: string;
  rowHeight: number;
  headerHeight: number;
}

/**
 * A virtualized table filling the window below its filters: rows rendered only
 * near the screen, the fetched range kept in step, the scroll position kept
 * when leaving and coming back, and the arrow, page, Home and End keys moving
 * between rows however far the list runs beyond the screen.
 */
export function useVirtualTable({ count, queryKey, loading, setRange, store, typed, rowHeight, headerHeight }: Options) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The list fills the window below the filters, so the page itself does not scroll.
  const { height: viewport } = useViewportSize();
  const [height, setHeight] = useState(480);
  const empty = !loading && count === 0;
  useLayoutEffect(() => {
    if (!scrollRef.current) return;
    const top = scrollRef.current.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(320, (viewport || window.innerHeight) - top - 24));
  }, [viewport, empty]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // The sticky header sits above the rows inside the same scroll container.
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const items = virtualizer.getVirtualItems();
  // The rows fully below the sticky header, for "rows 41,231–41,245".
  const offset = virtualizer.scrollOffset ?? 0;
  const shown = {
    from: Math.floor(offset / rowHeight),
    to: Math.min(count, Math.floor((offset + height - headerHeight - 1) / rowHeight) + 1),
  };
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => setRange(first, last), [first, last, queryKey, setRange]);

  // A new search or filter starts at the top; coming back to the list lands where it was left.
  const lastKey = useRef(queryKey);
  useEffect(() => {
    if (lastKey.current === queryKey) return;
    lastKey.current = queryKey;
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);
  const typedRef = useRef(typed);
  typedRef.current = typed;
  const restored = useRef(false);
  const scrolled = useRef(0);
  useLayoutEffect(() => {
    if (restored.current || loading || !scrollRef.current) return;
    restored.current = true;
    scrollRef.current.scrollTop = scrolled.current = store.getState().scrollTop;
  }, [loading, count, store]);
  useEffect(
    () => () => {
      const state = store.getState();
      // Leaving before the debounce fired still keeps what was typed last (from the top of its results).
      if (typedRef.current !== state.filters.search) state.set({ search: typedRef.current });
      else if (restored.current) state.setScrollTop(scrolled.current);
    },
    [store],
  );
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    scrolled.current = event.currentTarget.scrollTop;
  };

  // Focus follows the key once the target row has been rendered.
  const focusRequest = useRef<{ index: number; at: number } | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    if (performance.now() - request.at > 3000) {
      focusRequest.current = null;
      return;
    }
    const link = scrollRef.current?.querySelector<HTMLAnchorElement>(`[data-index="${request.index}"] a`);
    if (link) {
      link.focus({ preventScroll: true });
      focusRequest.current = null;
    }
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const index = Number((event.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index'));
    if (!Number.isInteger(index)) return;
    const page = Math.max(1, Math.floor((height - headerHeight) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.min(Math.max(0, target), count - 1);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    focusRequest.current = { index: next, at: performance.now() };
    rerender();
  };

  return { scrollRef, height, empty, items, totalSize: virtualizer.getTotalSize(), shown, onScroll, onKeyDown };
}
