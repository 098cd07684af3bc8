import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ChangeTopic } from '../../common/changes';
import type { AppErrorShape } from '../../common/errors';
import { appErrorOf } from '../api/errors';
import { useChanges } from '../stores/changes';

/** Rows per request: one screen is ~15 rows, so one window covers several screens of scrolling. */
export const WINDOW = 100;
/** Requests in flight at once: the core answers one at a time, so more would only queue there. */
const IN_FLIGHT = 2;
/** Adjacent windows fetched in one request, at most (the core's limit is 500 rows). */
const MAX_WINDOWS = 3;

/** One page of a list procedure: the rows asked for, and how many match in all. */
export interface Page<Row> {
  total: number;
  rows: Row[];
}

/** Asks the core for `limit` rows from `offset` of the list `query` describes. */
export type PageFetcher<Query, Row> = (query: Query, offset: number, limit: number) => Promise<Page<Row>>;

interface Cache<Query, Row> {
  key: string;
  query: Query;
  /** Bumped when the query or the data changes: answers to an older generation are dropped. */
  generation: number;
  windows: Map<number, Row[]>;
  /** The previous generation's windows of the same query, shown until fresh ones arrive (no flashing on a change event). */
  stale: Map<number, Row[]>;
  pending: Set<number>;
  inFlight: number;
  total: number | undefined;
  /** Whether `total` answers the current query (not a previous search). */
  fresh: boolean;
  /** The rows on screen (with overscan): [first, last] index. */
  range: [number, number];
}

export interface WindowedList<Row> {
  /** Rows matching the query; undefined until the first answer. */
  total: number | undefined;
  /** True while the first window of a new query is on its way. */
  loading: boolean;
  error: AppErrorShape | undefined;
  /** The row at an index, or undefined while its window is being fetched. */
  row(index: number): Row | undefined;
  /** Tells the list which rows are on screen; missing windows are fetched. */
  setRange(first: number, last: number): void;
}

/**
 * The rows of a (possibly huge) list, fetched by windows of `WINDOW` rows as
 * they come into view. Windows are cached; the cache is dropped when the query
 * changes, and refreshed in place when a change event names one of `topics`.
 */
export function useWindowedList<Query, Row>(
  query: Query,
  fetchPage: PageFetcher<Query, Row>,
  topics: readonly ChangeTopic[],
): WindowedList<Row> {
  const version = useChanges((state) => topics.reduce((sum, topic) => sum + state.versions[topic], 0));
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const key = JSON.stringify(query);
  const [, render] = useReducer((n: number) => n + 1, 0);
  const [error, setError] = useState<AppErrorShape>();
  const cache = useRef<Cache<Query, Row>>({
    key: '',
    query,
    generation: 0,
    windows: new Map(),
    stale: new Map(),
    pending: new Set(),
    inFlight: 0,
    total: undefined,
    fresh: false,
    range: [0, 0],
  });

  /**
   * The next run of windows to fetch: first what is on screen, nearest the top
   * first, then half a window beyond each edge, so scrolling on finds its rows
   * ready. Adjacent missing windows go in one request (one sort in the core, not several).
   */
  const needed = useCallback((): { first: number; count: number } | undefined => {
    const c = cache.current;
    const known = c.fresh && c.total !== undefined;
    const missing = (w: number) => !c.windows.has(w) && !c.pending.has(w);
    const scan = (from: number, to: number) => {
      const lastIndex = known ? Math.min(to, c.total! - 1) : Math.max(0, from);
      if (lastIndex < 0) return undefined;
      const lastWindow = Math.floor(lastIndex / WINDOW);
      for (let w = Math.floor(Math.max(0, from) / WINDOW); w <= lastWindow; w++) {
        if (!missing(w)) continue;
        let count = 1;
        while (count < MAX_WINDOWS && w + count <= lastWindow && missing(w + count)) count += 1;
        return { first: w, count };
      }
      return undefined;
    };
    const [first, last] = c.range;
    return scan(first, last) ?? (known ? scan(first - WINDOW / 2, last + WINDOW / 2) : undefined);
  }, []);

  const pump = useCallback(() => {
    const c = cache.current;
    while (c.inFlight < IN_FLIGHT) {
      const run = needed();
      if (!run) return;
      const generation = c.generation;
      const windows = Array.from({ length: run.count }, (_, i) => run.first + i);
      for (const w of windows) c.pending.add(w);
      c.inFlight += 1;
      let failed = false;
      fetcher
        .current(c.query, run.first * WINDOW, run.count * WINDOW)
        .then(
          (page) => {
            if (generation !== c.generation) return;
            windows.forEach((w, i) => {
              c.windows.set(w, page.rows.slice(i * WINDOW, (i + 1) * WINDOW));
              c.stale.delete(w);
            });
            // Rows beyond the new end are gone (someone archived or erased meanwhile).
            if (c.total !== page.total) for (const k of c.stale.keys()) if (k * WINDOW >= page.total) c.stale.delete(k);
            c.total = page.total;
            c.fresh = true;
            setError(undefined);
          },
          (failure: unknown) => {
            failed = true;
            if (generation !== c.generation) return;
            setError(appErrorOf(failure));
          },
        )
        .finally(() => {
          c.inFlight -= 1;
          // A failed window stays pending until the next change or query, so a failing call is not retried in a loop.
          if (generation === c.generation && !failed) for (const w of windows) c.pending.delete(w);
          render();
          pump();
        });
    }
  }, [needed]);

  useEffect(() => {
    const c = cache.current;
    const sameQuery = c.key === key;
    c.generation += 1;
    c.stale = sameQuery ? new Map([...c.stale, ...c.windows]) : new Map();
    c.windows = new Map();
    c.pending = new Set();
    c.query = query;
    c.key = key;
    if (!sameQuery) {
      c.fresh = false;
      c.range = [0, 0];
    }
    render();
    pump();
    // `query` is represented by `key`.
  }, [key, version, pump]);

  const setRange = useCallback(
    (first: number, last: number) => {
      const c = cache.current;
      if (c.range[0] === first && c.range[1] === last) return;
      c.range = [first, last];
      pump();
    },
    [pump],
  );

  const c = cache.current;
  return {
    total: c.total,
    loading: !c.fresh,
    error,
    row: (index) => {
      const w = Math.floor(index / WINDOW);
      return (c.windows.get(w) ?? c.stale.get(w))?.[index % WINDOW];
    },
    setRange,
  };
}
