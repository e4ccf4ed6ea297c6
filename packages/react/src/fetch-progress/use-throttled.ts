import * as React from 'react';

/**
 * `value`, changed at most once per `intervalMs`: a text that follows progress ticks stays readable. The latest
 * value always shows within one interval.
 */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = React.useState(value);
  const shownAt = React.useRef(0);
  React.useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = shownAt.current + intervalMs - Date.now();
    const show = () => {
      shownAt.current = Date.now();
      setShown(value);
    };
    if (wait <= 0) return show();
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
}
