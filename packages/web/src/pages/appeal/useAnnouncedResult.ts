import { useEffect, useRef } from 'react';

/**
 * Focus the result shown after a submit and scroll to it, so screen-reader users hear that the
 * form went through (the receipt and the "added to your earlier appeal" view alike).
 */
export function useAnnouncedResult() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);
  return ref;
}
