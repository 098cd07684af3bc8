import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeTopic } from '../../common/changes';
import type { AppErrorShape } from '../../common/errors';
import { useChanges } from '../stores/changes';
import { appErrorOf } from './errors';

export interface LiveQuery<T> {
  data: T | undefined;
  error: AppErrorShape | undefined;
  loading: boolean;
  refetch(): void;
}

/**
 * Runs `fetcher` now and again whenever a change event names one of `topics`
 * (or `deps` change). The last data stays on screen while a refresh runs, and
 * an answer that arrives after a newer request started is dropped.
 */
export function useLiveQuery<T>(fetcher: () => Promise<T>, topics: readonly ChangeTopic[], deps: readonly unknown[] = []): LiveQuery<T> {
  const version = useChanges((state) => topics.reduce((sum, topic) => sum + state.versions[topic], 0));
  const [data, setData] = useState<T>();
  const [error, setError] = useState<AppErrorShape>();
  const [loading, setLoading] = useState(true);
  const [manual, setManual] = useState(0);
  const latest = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    fetcherRef.current().then(
      (result) => {
        if (request !== latest.current) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setError(appErrorOf(failure));
        setLoading(false);
      },
    );
  }, [version, manual, ...deps]);

  const refetch = useCallback(() => setManual((n) => n + 1), []);
  return { data, error, loading, refetch };
}
