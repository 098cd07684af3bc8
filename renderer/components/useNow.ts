import { useEffect, useState } from 'react';

/** The current minute, for what is shown against the clock ("started", "5 minutes ago"). */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
